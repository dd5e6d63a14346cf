using Tailor.Interactions;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Tests.Training;
using Tailor.Training;
using Tailor.Training.Ease;
using Tailor.Training.Ials;

namespace Tailor.Tests.Serving;

/// <summary><c>diversity</c>: maximal marginal relevance trades score for items less alike the ones above.</summary>
public sealed class DiversityRerankingTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(33)]
    public void Lambda_zero_keeps_the_candidates_order(int pool)
    {
        var random = new Random(pool);
        var scores = Enumerable.Range(0, pool).Select(_ => (float)random.NextDouble()).ToArray();
        var candidates = Enumerable.Range(0, pool).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var into = new int[pool];

        DiversityReranking.Rerank(candidates, scores, 0f, new TwoClusters(pool / 2), into);

        Assert.Equal(candidates, into);
    }

    [Fact]
    public void Lambda_above_zero_alternates_between_planted_clusters()
    {
        // Items 0–9 (cluster A) all outscore items 10–19 (cluster B); alike within a cluster, unlike across.
        var scores = Enumerable.Range(0, 20).Select(i => 1f - (i * 0.01f)).ToArray();
        var candidates = Enumerable.Range(0, 20).ToArray();
        var similarity = new TwoClusters(10);
        var into = new int[6];

        DiversityReranking.Rerank(candidates, scores, 0.5f, similarity, into);

        // Once both clusters are in, every candidate is as near to the list as any other: relevance decides again.
        Assert.Equal([0, 10, 1, 2, 3, 4], into);
        Assert.True(IntraListSimilarity(into, similarity) < IntraListSimilarity(candidates[..6], similarity));
    }

    public static TheoryData<string> Models => new() { "ials", "ease" };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Diversity_lowers_intra_list_similarity_on_planted_clusters_and_zero_changes_nothing(string algorithm)
    {
        var history = PlantedClusters.Generate(users: 120, items: 80, clusters: 4, perUser: 8, seed: 5);
        IRecommender model = algorithm == "ease"
            ? new EaseTrainer(new EaseOptions(Lambda: 20f)).Fit(history)
            : new IalsTrainer(new IalsOptions(Factors: 8, Regularization: 0.5f, Epochs: 8)).Fit(history);
        var service = Service(history, model);
        var similarity = (IItemSimilarity)model;
        double plain = 0, diverse = 0;

        for (var u = 0; u < 120; u += 4)
        {
            var top = await IndicesAsync(service, u, new RecommendationRequest { Count = 10 });
            var zero = await IndicesAsync(service, u, new RecommendationRequest { Count = 10, Diversity = 0f });
            var mmr = await IndicesAsync(service, u, new RecommendationRequest { Count = 10, Diversity = 0.5f });

            Assert.Equal(top, zero);
            plain += IntraListSimilarity(top, similarity);
            diverse += IntraListSimilarity(mmr, similarity);
        }

        Assert.True(diverse < plain * 0.9, $"intra-list similarity {diverse:0.000} with diversity 0.5, {plain:0.000} without");
    }

    /// <summary>Mean pairwise similarity of a list.</summary>
    private static double IntraListSimilarity(IReadOnlyList<int> items, IItemSimilarity similarity)
    {
        double sum = 0;
        var pairs = 0;
        for (var a = 0; a < items.Count; a++)
        {
            for (var b = a + 1; b < items.Count; b++)
            {
                sum += similarity.Similarity(items[a], items[b]);
                pairs++;
            }
        }

        return pairs == 0 ? 0 : sum / pairs;
    }

    private static async Task<int[]> IndicesAsync(RecommendationService service, int user, RecommendationRequest request)
    {
        var result = (await service.GetForUserAsync($"u{user}", request)).Value!;
        return [.. result.Items.Select(i => int.Parse(i.ItemId[1..], System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static RecommendationService Service(InteractionMatrix history, IRecommender model)
    {
        var users = Enumerable.Range(0, history.UserCount).Select(u => $"u{u}").ToArray();
        var items = Enumerable.Range(0, history.ItemCount).Select(i => $"i{i}").ToArray();
        var popularity = new float[history.ItemCount];
        var artifact = new ModelArtifact(users, items, history, popularity, model);
        return new RecommendationService(new FixedModelSource(ServingModels.Loaded(artifact)), ForgottenUserSet.None);
    }

    /// <summary>Items below <c>split</c> are one cluster, the rest another: similarity 1 within, 0 across.</summary>
    private sealed class TwoClusters(int split) : IItemSimilarity
    {
        public float Similarity(int a, int b) => (a < split) == (b < split) ? 1f : 0f;
    }
}
