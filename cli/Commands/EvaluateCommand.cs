using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tailor.Cli.Hosting;
using Tailor.Evaluation;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor evaluate</c>: train with default (auto-tuned) settings on one event file, evaluate the
/// top k on another, no storage involved.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training events (.csv, .jsonl, .parquet, optionally .gz).", Required = true }.ExistingEventFile();
        var test = new Option<FileInfo>("--test") { Description = "Held-out events to evaluate against.", Required = true }.ExistingEventFile();
        var k = new Option<int>("--k") { Description = "List length.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var predictionsOut = new Option<FileInfo?>("--predictions-out") { Description = "Write user,item,rank rows for every test user." }.InExistingFolder();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var budget = new Option<double?>("--budget") { Description = "Tuning budget in seconds (default: Tailor__Training__BudgetSeconds, else 60)." }.Positive();

        var command = new Command("evaluate", "Train on one event file with automatic tuning and evaluate top-k recommendations on another.")
        {
            train, test, k, predictionsOut, json, budget,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = CliTrainingOptions.FromEnvironment(parse.GetValue(budget));
            var result = await OfflineEvaluation.RunAsync(
                parse.GetValue(train)!.FullName, parse.GetValue(test)!.FullName, parse.GetValue(k), options, cancellationToken: cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(predictionsOut) is { } path)
            {
                var writer = new StreamWriter(path.FullName);
                await using (writer.ConfigureAwait(false))
                {
                    await OfflineEvaluation.WritePredictionsAsync(writer, result.Predictions, cancellationToken).ConfigureAwait(false);
                }
            }

            if (parse.GetValue(json))
            {
                WriteJson(Console.OpenStandardOutput(), result);
            }
            else
            {
                WriteTable(Console.Out, result);
            }

            return 0;
        });
        return command;
    }

    internal static void WriteTable(TextWriter output, OfflineEvaluationResult result)
    {
        var m = result.Metrics;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"model            {result.Tuning.Chosen.Algorithm}  {string.Join(", ", result.Tuning.FinalParameters.Select(p => $"{p.Key}={p.Value}"))}"));
        output.WriteLine(string.Create(c, $"users evaluated  {m.Users}"));
        output.WriteLine(string.Create(c, $"precision@{m.K,-6} {m.Precision:F4}"));
        output.WriteLine(string.Create(c, $"recall@{m.K,-9} {m.Recall:F4}"));
        output.WriteLine(string.Create(c, $"ndcg@{m.K,-11} {m.Ndcg:F4}"));
        output.WriteLine(string.Create(c, $"map@{m.K,-12} {m.Map:F4}"));
        output.WriteLine(string.Create(c, $"hit_rate@{m.K,-7} {m.HitRate:F4}"));
        output.WriteLine(string.Create(c, $"mrr@{m.K,-12} {m.Mrr:F4}"));
        output.WriteLine(string.Create(c, $"coverage         {m.Coverage:F4}"));
        output.WriteLine(string.Create(c, $"novelty          {m.Novelty:F4}"));
        output.WriteLine(string.Create(c, $"training_seconds {result.TrainingSeconds:F2}  (tuning {result.Tuning.TuningSeconds:F2} over {result.Tuning.Trials.Count} trials, final fit {result.Tuning.FitSeconds:F2})"));
        output.WriteLine(string.Create(c, $"scoring_seconds  {result.ScoringSeconds:F2}"));
        if (result.TestEventsIgnored > 0)
        {
            output.WriteLine(string.Create(c, $"ignored          {result.TestEventsIgnored} test events of users unknown to training"));
        }
    }

    internal static void WriteJson(Stream output, OfflineEvaluationResult result)
    {
        var m = result.Metrics;
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteNumber("k", m.K);
        writer.WriteNumber("precision", m.Precision);
        writer.WriteNumber("recall", m.Recall);
        writer.WriteNumber("ndcg", m.Ndcg);
        writer.WriteNumber("map", m.Map);
        writer.WriteNumber("hit_rate", m.HitRate);
        writer.WriteNumber("mrr", m.Mrr);
        writer.WriteNumber("coverage", m.Coverage);
        writer.WriteNumber("novelty", m.Novelty);
        writer.WriteNumber("users", m.Users);
        writer.WriteNumber("training_seconds", result.TrainingSeconds);
        writer.WriteNumber("tuning_seconds", result.Tuning.TuningSeconds);
        writer.WriteNumber("fit_seconds", result.Tuning.FitSeconds);
        writer.WriteNumber("scoring_seconds", result.ScoringSeconds);
        writer.WriteString("algorithm", result.Tuning.Chosen.Algorithm);
        writer.WriteStartObject("parameters");
        foreach (var p in result.Tuning.FinalParameters)
        {
            writer.WriteString(p.Key, p.Value);
        }

        writer.WriteEndObject();
        writer.WriteNumber("trials", result.Tuning.Trials.Count);
        writer.WriteNumber("test_events_ignored", result.TestEventsIgnored);
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
        output.Flush();
    }
}
