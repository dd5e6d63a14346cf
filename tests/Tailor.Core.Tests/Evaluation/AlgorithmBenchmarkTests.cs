using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Events;
using Tailor.Splits;
using Tailor.Tests.Training;

namespace Tailor.Tests.Evaluation;

public class AlgorithmBenchmarkTests
{
    [Theory]
    [InlineData(SplitKind.Random)]
    [InlineData(SplitKind.Temporal)]
    [InlineData(SplitKind.Cutoff)]
    public void Benchmark_reports_every_algorithm_on_the_requested_split(SplitKind split)
    {
        var matrix = PlantedClusters.Generate(200, 80, 4, 15, seed: 11);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<InteractionEvent>();
        for (var u = 0; u < matrix.UserCount; u++)
        {
            foreach (var i in matrix.ItemsOf(u))
            {
                events.Add(new InteractionEvent($"u{u}", $"i{i}", "view", null, 1f, start.AddHours(events.Count % 997)));
            }
        }

        var report = AlgorithmBenchmark.Run(InteractionDataset.Build(events), split, 10, new TrainingOptions { MaxTrials = 6 });

        Assert.Equal(
            ["popularity", "popularity (decayed 30 d)", "sar (default)", "ease (default)", "ials (default)", "rerank (ease + sar)", "tuned"],
            report.Entries.Select(e => e.Name));
        Assert.All(report.Entries, e => Assert.True(e.Metrics!.Users > 0));
        Assert.Equal(matrix.NonZeroCount, report.TrainInteractions + report.TestInteractions);
    }
}
