using Azure;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Tests.Models;

namespace Tailor.Tests.Serving;

internal static class ServingModels
{
    public static LoadedModel Cooccurrence(ModelArtifact data, string version = "v1")
    {
        var artifact = new ModelArtifact(data.UserIds, data.ItemIds, data.History, data.Popularity, new CooccurrenceRecommender(data.History));
        return Loaded(artifact, version);
    }

    public static LoadedModel Loaded(ModelArtifact artifact, string version = "v1") => new(
        new CurrentModel(version, new DateTimeOffset(2026, 11, 29, 4, 20, 0, TimeSpan.Zero), "test"),
        new ETag("\"0x1\""),
        artifact,
        SampleDocuments.Manifest(version, artifact.Algorithm),
        SampleDocuments.Report(version));

    /// <summary>The reference ranking: every item by descending score, ties by lower index, excluded and
    /// non-finite scores dropped, first <paramref name="count"/>.</summary>
    public static List<(string ItemId, float Score)> NaiveTop(string[] itemIds, float[] scores, ICollection<int> exclude, int count) =>
        Enumerable.Range(0, scores.Length)
            .Where(i => !exclude.Contains(i) && float.IsFinite(scores[i]))
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(count)
            .Select(i => (itemIds[i], scores[i]))
            .ToList();
}
