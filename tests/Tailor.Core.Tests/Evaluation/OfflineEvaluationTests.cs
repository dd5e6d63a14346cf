using System.Globalization;
using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Events;
using Tailor.Interactions;
using Tailor.Splits;
using Tailor.Tests.Training;

namespace Tailor.Tests.Evaluation;

public class OfflineEvaluationTests
{
    private static readonly DateTimeOffset s_start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TrainingOptions s_training = new()
    {
        BudgetSeconds = 3600,
        Algorithms = "popularity,sar,ease,blend",
    };

    private static List<InteractionEvent> Events(InteractionMatrix matrix, int userOffset = 0)
    {
        var events = new List<InteractionEvent>();
        for (var u = 0; u < matrix.UserCount; u++)
        {
            var items = matrix.ItemsOf(u);
            var weights = matrix.WeightsOf(u);
            for (var k = 0; k < items.Length; k++)
            {
                events.Add(new InteractionEvent(
                    $"user{u + userOffset}", $"item{items[k]}", "rating", weights[k], weights[k], s_start.AddMinutes(events.Count)));
            }
        }

        return events;
    }

    [Fact]
    public void Poisoned_test_events_change_the_metrics_but_not_a_single_tuning_trial()
    {
        var split = PlantedClusters.Split();
        var honestTest = Events(split.Test);

        // Same users, every held-out item replaced by a random one: if any of this leaked into tuning,
        // validation metrics or choices would move.
        var random = new Random(3);
        var poisoned = honestTest.Select(e => e with { ItemId = $"item{random.Next(split.Test.ItemCount)}" }).ToList();

        var honest = OfflineEvaluation.Run(Events(split.Train), honestTest, 10, s_training);
        var dirty = OfflineEvaluation.Run(Events(split.Train), poisoned, 10, s_training);

        Assert.Equal(honest.Tuning.Trials.Select(t => (t.Describe(), t.Validation)), dirty.Tuning.Trials.Select(t => (t.Describe(), t.Validation)));
        Assert.Equal(honest.Tuning.Chosen.Describe(), dirty.Tuning.Chosen.Describe());
        Assert.True(honest.Metrics.Ndcg > dirty.Metrics.Ndcg + 0.1);
    }

    [Fact]
    public void Offline_evaluation_matches_the_evaluator_on_the_same_matrices_and_lists_every_test_user()
    {
        var split = PlantedClusters.Split();
        var result = OfflineEvaluation.Run(Events(split.Train), Events(split.Test), 10, s_training);

        // Ids follow first appearance, so user u is row u and the matrices are the same up to item order.
        var train = InteractionDataset.Build(Events(split.Train));
        var test = InteractionDataset.BuildAligned(Events(split.Test), train);
        Assert.Equal(Evaluator.Evaluate(result.Tuning.Model, train.Matrix, test.Matrix, 10), result.Metrics);
        Assert.Equal(DataSplitter.TestUsers(train.Matrix, test.Matrix).Length, result.Predictions.Count);
        Assert.All(result.Predictions, p => Assert.Equal(10, p.ItemIds.Count));
        Assert.True(result.TrainingSeconds >= result.Tuning.FitSeconds);
    }

    [Fact]
    public async Task MovieLens_style_csv_files_evaluate_as_they_are_and_predictions_are_written()
    {
        var split = PlantedClusters.Split();
        var dir = Directory.CreateTempSubdirectory("tailor-eval-");
        try
        {
            var trainPath = Path.Combine(dir.FullName, "train.csv");
            var testPath = Path.Combine(dir.FullName, "test.csv");
            await File.WriteAllLinesAsync(trainPath, MovieLensRows(split.Train));
            await File.WriteAllLinesAsync(testPath, MovieLensRows(split.Test));

            var result = await OfflineEvaluation.RunAsync(trainPath, testPath, 10, s_training with { BudgetSeconds = 20 });
            using var writer = new StringWriter();
            await OfflineEvaluation.WritePredictionsAsync(writer, result.Predictions);
            var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(DataSplitter.TestUsers(split.Train, split.Test).Length, result.Metrics.Users);
            Assert.True(result.Metrics.Ndcg > 0.2, $"NDCG {result.Metrics.Ndcg:F3}");
            Assert.Equal("user,item,rank", lines[0]);
            Assert.Equal((result.Predictions.Count * 10) + 1, lines.Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<string> MovieLensRows(InteractionMatrix matrix)
    {
        var rows = new List<string> { "user,item,rating,timestamp" };
        var t = 881_250_949L;
        for (var u = 0; u < matrix.UserCount; u++)
        {
            var items = matrix.ItemsOf(u);
            var weights = matrix.WeightsOf(u);
            for (var k = 0; k < items.Length; k++)
            {
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{u + 1},{items[k] + 1},{weights[k]},{t++}"));
            }
        }

        return rows;
    }
}
