using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Tailor.Cli.Hosting;
using Tailor.Ingestion;
using Tailor.Pipeline;
using Tailor.Evaluation;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor train</c>: runs the training orchestration on the configured storage, outside the Functions host.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up after this many minutes", DefaultValueFactory = _ => 30 }.AtLeast(1);
        var connection = CommonOptions.Connection();
        var command = new Command("train", "Snapshot, profile, train, evaluate and promote, on the configured storage") { timeout, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            return await RunAsync(connectionString, services, TimeSpan.FromMinutes(parse.GetValue(timeout)), Console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Prints each stage as the orchestration starts it, with the time since training began, and
    /// names it in the spinner line.</summary>
    public static Action<TrainingProgress> ShowStages(StatusContext status)
    {
        var watch = Stopwatch.StartNew();
        return progress =>
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{watch.Elapsed.TotalSeconds,6:0.0} s[/] {progress.Stage}: {progress.Detail}");
            status.Status(Markup.Escape(progress.Stage + "…"));
        };
    }

    /// <summary>Trains on the storage <paramref name="services"/> use and prints the outcome; returns the exit code
    /// (<see cref="NothingIngestedExitCode"/> with one line on <paramref name="errors"/> when nothing was ingested).</summary>
    public static async Task<int> RunAsync(string connectionString, IServiceProvider services, TimeSpan timeout, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!await services.GetRequiredService<ProcessedEventReader>().AnyProcessedAsync(cancellationToken))
        {
            await errors.WriteLineAsync(NothingIngested);
            return NothingIngestedExitCode;
        }

        var outcome = await AnsiConsole.Status().StartAsync("Training…", status => LocalTraining.RunAsync(
            connectionString, services, services.GetRequiredService<ILoggerFactory>(), "tailor train", timeout, cancellationToken,
            progress: ShowStages(status)));
        Print(outcome);
        return 0;
    }

    /// <summary>What <c>tailor train</c> says, with exit code <see cref="NothingIngestedExitCode"/>, on storage with no processed events.</summary>
    public const string NothingIngested = "no processed events yet: upload and ingest first";

    public const int NothingIngestedExitCode = 2;

    public static void Print(TrainingOutcome outcome)
    {
        var s = outcome.Snapshot;
        AnsiConsole.MarkupLineInterpolated($"run [bold]{outcome.RunId}[/]: {s.Batches} batches, {s.Users} users, {s.Items} items, {s.TrainInteractions} train + {s.HoldoutInteractions} holdout interactions");
        if (outcome.Candidate is { } c)
        {
            AnsiConsole.MarkupLineInterpolated($"candidate [bold]{c.Algorithm}[/] ({string.Join(", ", c.Parameters.Select(p => $"{p.Key}={p.Value}"))}); {c.Trials} trials in {c.TuningSeconds:0.0} s, fit {c.FitSeconds:0.00} s");
        }

        if (outcome.Evaluation is { } e)
        {
            var table = new Table().AddColumns("model", "P@10", "R@10", "NDCG@10", "MAP@10");
            AddRow(table, "candidate", e.Candidate);
            AddRow(table, "popularity", e.Popularity);
            if (e.Current is { } current && e.CandidateOnNew is { } candidateOnNew)
            {
                AddRow(table, $"candidate, {e.NewInteractions} new interactions", candidateOnNew);
                AddRow(table, $"serving {e.CurrentVersion}, same", current);
            }

            AnsiConsole.Write(table);
        }

        var p = outcome.Promotion;
        AnsiConsole.MarkupLine((p.Promoted ? $"[green]promoted[/] {p.Version}" : "[yellow]not promoted[/]") + ": " + Markup.Escape(p.Decision));
    }

    private static void AddRow(Table table, string name, MetricSet m) =>
        table.AddRow(name, F(m.Precision), F(m.Recall), F(m.Ndcg), F(m.Map));

    private static string F(double value) => value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
