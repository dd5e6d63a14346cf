using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Models;
using Tailor.Training.Popularity;

namespace Tailor.Testing;

/// <summary>A small trained model and the files of a version around it, for tests that need something to serve.</summary>
public static class SampleModel
{
    /// <summary>20 items, 8 users: user u sees item i when u &lt; 8 - i/3, so items i00–i02 are seen by all
    /// 8 users, i03–i05 by 7, …, i18–i19 by 2; u0 has seen everything and u7 only i00–i02.</summary>
    public static ModelArtifact Artifact()
    {
        var triples = new List<(int, int, float)>();
        for (var item = 0; item < 20; item++)
        {
            for (var user = 0; user < 8 - (item / 3); user++)
            {
                triples.Add((user, item, 1f));
            }
        }

        var history = InteractionMatrix.FromTriples(8, 20, [.. triples]);
        var model = (PopularityRecommender)new PopularityTrainer().Fit(history);
        var users = Enumerable.Range(0, 8).Select(u => $"u{u}").ToArray();
        var items = Enumerable.Range(0, 20).Select(i => $"i{i:00}").ToArray();
        return new ModelArtifact(users, items, history, model.Popularity.ToArray(), model);
    }

    /// <summary>Writes <paramref name="artifact"/> as a complete version (model, manifest, report) that promotion accepts;
    /// <paramref name="report"/> may change the sample report (add segments, say); <paramref name="forgottenAsOf"/> is
    /// the manifest's <see cref="ModelManifest.ForgottenAsOf"/>.</summary>
    public static Task WriteVersionAsync(ModelStore store, string version, ModelArtifact artifact, Func<EvaluationReport, EvaluationReport>? report = null, DateTimeOffset? forgottenAsOf = null)
    {
        var manifest = new ModelManifest(
            version, artifact.Algorithm, new Dictionary<string, string>(), new DataSnapshotInfo("snapshots/test.parquet", artifact.UserIds.Length, artifact.ItemIds.Length, artifact.History.NonZeroCount),
            new Dictionary<string, double> { ["train"] = 0.01 }, new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero), [], [])
        {
            ForgottenAsOf = forgottenAsOf,
        };
        var metrics = new MetricSet(10, 8, 0.1, 0.2, 0.3, 0.15, 0.4, 0.25, 0.5, 0);
        var sample = new EvaluationReport(version, 10, metrics, metrics, null, null, new PromotionDecision(true, "first model"));
        return store.WriteVersionAsync(version, artifact, manifest, report is null ? sample : report(sample));
    }
}
