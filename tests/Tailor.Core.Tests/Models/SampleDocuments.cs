using Tailor.Models;
using Tailor.Evaluation;

namespace Tailor.Tests.Models;

internal static class SampleDocuments
{
    public static ModelManifest Manifest(string version, string algorithm = "popularity") => new(
        version,
        algorithm,
        new Dictionary<string, string> { ["decay"] = "0.0", ["minCount"] = "1" },
        new DataSnapshotInfo("snapshots/2026-11-29/interactions.parquet", 4, 6, 10),
        new Dictionary<string, double> { ["snapshot"] = 1.25, ["train"] = 3.5 },
        new DateTimeOffset(2026, 11, 29, 4, 15, 0, TimeSpan.Zero),
        [new TrialRecord(algorithm, new Dictionary<string, string> { ["decay"] = "0.0" }, 0.125, 0.5)],
        ["EASE refused: 250000 items exceed the dense limit"]);

    public static EvaluationReport Report(string version, bool promote = true) => new(
        version,
        10,
        new MetricSet(10, 100, 0.2, 0.3, 0.41, 0.25, 0.6, 0.45, 0.5, 0),
        new MetricSet(10, 100, 0.1, 0.2, 0.3, 0.15, 0.5, 0.35, 0.01, 0),
        null,
        null,
        new PromotionDecision(promote, promote ? "NDCG@10 0.410 beats popularity 0.300" : "no better than the current model"));
}
