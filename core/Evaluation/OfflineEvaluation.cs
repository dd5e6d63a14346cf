using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Tailor.Evaluation.Tuning;
using Tailor.Events;
using Tailor.Splits;

namespace Tailor.Evaluation;

/// <summary>
/// The offline protocol end to end, without storage: index the training events, tune and fit on them alone
/// (<see cref="AutoTuner"/>), rank the top k unseen items for every user with test events, and measure.
/// Test events are mapped onto the training id tables afterwards and reach nothing but the final measurement.
/// </summary>
public static class OfflineEvaluation
{
    public static async Task<OfflineEvaluationResult> RunAsync(
        string trainPath, string testPath, int k, TrainingOptions training, EventOptions? events = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        // The training file streams straight into the dataset's compact arrays (20 bytes an event); only
        // the test events, read after training, are held as events.
        var train = EventFile.ReadValidAsync(trainPath, events, cancellationToken).ToBlockingEnumerable(cancellationToken);
        return Run(train, await ReadAllAsync(testPath, events, cancellationToken).ConfigureAwait(false), k, training, logger, cancellationToken);
    }

    public static OfflineEvaluationResult Run(
        IEnumerable<InteractionEvent> trainEvents, IEnumerable<InteractionEvent> testEvents, int k, TrainingOptions training, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var train = InteractionDataset.Build(trainEvents);

        var watch = Stopwatch.StartNew();
        var tuning = new AutoTuner(training with { K = k }, logger: logger).Tune(train.Matrix, cancellationToken);
        var trainingSeconds = watch.Elapsed.TotalSeconds;

        // Only now does the test set come in.
        var testList = testEvents as IReadOnlyCollection<InteractionEvent> ?? [.. testEvents];
        var test = InteractionDataset.BuildAligned(testList, train);
        var ignored = 0;
        foreach (var e in testList)
        {
            ignored += train.UserIndexOf(e.UserId) < 0 ? 1 : 0;
        }

        watch.Restart();
        var users = DataSplitter.TestUsers(train.Matrix, test.Matrix);
        var lists = Evaluator.Recommend(tuning.Model, train.Matrix, users, k, cancellationToken);
        var scoringSeconds = watch.Elapsed.TotalSeconds;
        var metrics = Evaluator.Measure(lists, users, train.Matrix, test.Matrix, k);

        var predictions = new UserRecommendations[users.Length];
        for (var i = 0; i < users.Length; i++)
        {
            var items = new string[lists[i].Length];
            for (var r = 0; r < items.Length; r++)
            {
                items[r] = train.ItemIds[lists[i][r]];
            }

            predictions[i] = new UserRecommendations(train.UserIds[users[i]], items);
        }

        return new OfflineEvaluationResult(metrics, tuning, trainingSeconds, scoringSeconds, predictions, ignored);
    }

    /// <summary>Writes <c>user,item,rank</c> rows (rank 1 = best) with a header; ids containing commas,
    /// quotes or line breaks are quoted.</summary>
    public static async Task WritePredictionsAsync(TextWriter writer, IReadOnlyList<UserRecommendations> predictions, CancellationToken cancellationToken = default)
    {
        await writer.WriteLineAsync("user,item,rank".AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var p in predictions)
        {
            for (var r = 0; r < p.ItemIds.Count; r++)
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"{Csv(p.UserId)},{Csv(p.ItemIds[r])},{r + 1}");
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static async Task<List<InteractionEvent>> ReadAllAsync(string path, EventOptions? options, CancellationToken cancellationToken)
    {
        var events = new List<InteractionEvent>();
        await foreach (var e in EventFile.ReadValidAsync(path, options, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        return events;
    }
}
