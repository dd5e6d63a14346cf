using Tailor.Serving;
using Tailor.Tests.Models;

namespace Tailor.Tests.Serving;

public sealed class RecommendationServiceTests
{
    private static readonly string[] s_smallUsers = ["u0", "u1", "u2", "ü-3 ✓"];

    [Fact]
    public async Task Known_user_gets_personalized_items_without_the_ones_already_seen()
    {
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small());
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None);

        var result = await service.GetForUserAsync("u0", 3);

        Assert.Equal(ServingStatus.Ok, result.Status);
        Assert.Equal("v1", result.Value!.ModelVersion);
        Assert.Equal(RecommendationStrategy.Personalized, result.Value.Strategy);
        // u0 saw i0 (weight 1) and i3 (weight 2): i1 co-occurs once with i0 and twice with i3 → 1 + 2·2 = 5;
        // i2 and i4 co-occur once with i3 → 2 each, tie broken by the lower index.
        Assert.Equal([new ScoredItem("i1", 5f), new ScoredItem("i2", 2f), new ScoredItem("i4", 2f)], result.Value.Items);
    }

    [Theory]
    [InlineData(1, 40, 25, 4, 10)]
    [InlineData(2, 120, 60, 8, 15)]
    [InlineData(3, 30, 33, 3, 100)]
    public async Task Personalized_lists_match_a_naive_ranking_for_every_user(int seed, int users, int items, int perUser, int count)
    {
        var data = SampleArtifacts.Random(seed, users, items, perUser);
        var model = ServingModels.Cooccurrence(data);
        var recommender = (CooccurrenceRecommender)model.Artifact.Model;
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None);

        for (var u = 0; u < users; u++)
        {
            var seen = data.History.ItemsOf(u).ToArray();
            var weights = data.History.WeightsOf(u).ToArray();
            var scores = new float[items];
            for (var j = 0; j < items; j++)
            {
                for (var k = 0; k < seen.Length; k++)
                {
                    scores[j] += weights[k] * recommender.Cooccurrence(seen[k], j);
                }
            }

            var expected = ServingModels.NaiveTop(data.ItemIds, scores, seen, count);
            var actual = (await service.GetForUserAsync(data.UserIds[u], count)).Value!.Items;

            Assert.Equal(expected.Select(e => e.ItemId), actual.Select(a => a.ItemId));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Score, actual[i].Score, 1e-4f);
            }
        }
    }

    [Fact]
    public async Task Unknown_user_falls_back_to_popular_items()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small())), ForgottenUserSet.None);

        var result = await service.GetForUserAsync("stranger", 10);

        Assert.Equal(RecommendationStrategy.Popular, result.Value!.Strategy);
        // Popularity = number of users per item: i3 4, i0 2, i1 2, i2 1, i4 1, i5 0; asking for 10 returns all 6.
        Assert.Equal(["i3", "i0", "i1", "i2", "i4", "i5"], result.Value.Items.Select(i => i.ItemId));
        Assert.Equal([4f, 2f, 2f, 1f, 1f, 0f], result.Value.Items.Select(i => i.Score));
    }

    [Fact]
    public async Task Forgotten_user_is_served_like_an_unknown_one()
    {
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small());
        var service = new RecommendationService(new FixedModelSource(model), new ForgottenUserSet("u1"));

        var forgotten = await service.GetForUserAsync("u1", 10);
        var stranger = await service.GetForUserAsync("stranger", 10);
        var known = await service.GetForUserAsync("u0", 10);

        Assert.Equal(RecommendationStrategy.Popular, forgotten.Value!.Strategy);
        Assert.Equal(stranger.Value!.Items, forgotten.Value.Items);
        Assert.Equal(RecommendationStrategy.Personalized, known.Value!.Strategy);
    }

    [Fact]
    public async Task Known_user_under_a_popularity_model_is_served_popular_items_minus_the_seen_ones()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Loaded(SampleArtifacts.Small())), ForgottenUserSet.None);

        var result = await service.GetForUserAsync("u2", 10);

        Assert.Equal(RecommendationStrategy.Popular, result.Value!.Strategy);
        Assert.Equal(["i0", "i1", "i4", "i5"], result.Value.Items.Select(i => i.ItemId));
    }

    [Fact]
    public async Task Session_is_scored_from_its_known_items_which_are_excluded()
    {
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small());
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None);

        var result = await service.ForSessionAsync(["i4", "not-an-item", "i4"], 3);

        Assert.Equal(RecommendationStrategy.Session, result.Value!.Strategy);
        // i4 twice (weight 2): i1 and i3 each co-occur once with i4 → 2; then zeros by index (i4 excluded).
        Assert.Equal([new ScoredItem("i1", 2f), new ScoredItem("i3", 2f), new ScoredItem("i0", 0f)], result.Value.Items);
    }

    [Fact]
    public async Task Session_scores_match_a_known_user_with_the_same_history()
    {
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small());
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None);

        var session = await service.ForSessionAsync(["i3", "i1", "i4"], 5);
        var user = await service.GetForUserAsync("u1", 5);

        // u1's weights are not all 1, so compare against the reference with unit weights instead of u1's list.
        var recommender = (CooccurrenceRecommender)model.Artifact.Model;
        var scores = Enumerable.Range(0, 6).Select(j => recommender.Cooccurrence(1, j) + recommender.Cooccurrence(3, j) + recommender.Cooccurrence(4, j)).ToArray();
        var expected = ServingModels.NaiveTop(model.Artifact.ItemIds, scores, [1, 3, 4], 5);
        Assert.Equal(expected.Select(e => e.ItemId), session.Value!.Items.Select(i => i.ItemId));
        Assert.Equal(user.Value!.Items.Select(i => i.ItemId).Order(), session.Value.Items.Select(i => i.ItemId).Order());
    }

    [Fact]
    public async Task Session_with_no_known_items_falls_back_to_popular()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small())), ForgottenUserSet.None);

        var result = await service.ForSessionAsync(["x", "y"], 2);

        Assert.Equal(RecommendationStrategy.Popular, result.Value!.Strategy);
        Assert.Equal(["i3", "i0"], result.Value.Items.Select(i => i.ItemId));
    }

    [Fact]
    public async Task Similar_items_are_those_whose_scores_rise_most_for_the_item_alone()
    {
        var data = SampleArtifacts.Random(7, 80, 40, 5);
        var model = ServingModels.Cooccurrence(data);
        var recommender = (CooccurrenceRecommender)model.Artifact.Model;
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None);

        for (var item = 0; item < 40; item += 3)
        {
            var lift = Enumerable.Range(0, 40).Select(j => recommender.Cooccurrence(item, j)).ToArray();
            var expected = ServingModels.NaiveTop(data.ItemIds, lift, [item], 8);

            var result = await service.SimilarItemsAsync(data.ItemIds[item], 8);

            Assert.Equal(RecommendationStrategy.Similar, result.Value!.Strategy);
            Assert.Equal(expected.Select(e => e.ItemId), result.Value.Items.Select(i => i.ItemId));
            Assert.DoesNotContain(data.ItemIds[item], result.Value.Items.Select(i => i.ItemId));
        }
    }

    [Fact]
    public async Task Similar_items_under_a_popularity_model_are_the_popular_ones_labelled_popular()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Loaded(SampleArtifacts.Small())), ForgottenUserSet.None);

        var result = await service.SimilarItemsAsync("i3", 3);

        Assert.Equal(RecommendationStrategy.Popular, result.Value!.Strategy);
        Assert.Equal(["i0", "i1", "i2"], result.Value.Items.Select(i => i.ItemId));
    }

    [Fact]
    public async Task Similar_items_of_an_unknown_item_is_not_found()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small())), ForgottenUserSet.None);

        var result = await service.SimilarItemsAsync("i99", 5);

        Assert.Equal(ServingStatus.NotFound, result.Status);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task Every_query_says_no_model_when_none_is_served()
    {
        var service = new RecommendationService(new FixedModelSource(null), ForgottenUserSet.None);

        Assert.Equal(ServingStatus.NoModel, (await service.GetForUserAsync("u0", 5)).Status);
        Assert.Equal(ServingStatus.NoModel, (await service.ForSessionAsync(["i0"], 5)).Status);
        Assert.Equal(ServingStatus.NoModel, (await service.SimilarItemsAsync("i0", 5)).Status);
        Assert.Equal(ServingStatus.NoModel, (await service.GetCurrentModelAsync()).Status);
    }

    [Fact]
    public async Task Current_model_summarises_pointer_manifest_and_report()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small(), "20261129-041500-ab12cd")), ForgottenUserSet.None);

        var info = (await service.GetCurrentModelAsync()).Value!;

        Assert.Equal("20261129-041500-ab12cd", info.Version);
        Assert.Equal("cooccurrence", info.Algorithm);
        Assert.Equal(s_smallUsers.Length, info.Users);
        Assert.Equal(6, info.Items);
        Assert.Equal(10, info.K);
        Assert.Equal(0.41, info.Metrics!.Ndcg);
    }

    [Fact]
    public async Task Count_below_one_is_a_programming_error()
    {
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small())), ForgottenUserSet.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await service.GetForUserAsync("u0", 0));
    }

    [Fact]
    public async Task Non_finite_scores_never_reach_the_response()
    {
        var data = SampleArtifacts.Small();
        var artifact = new Tailor.Models.ModelArtifact(data.UserIds, data.ItemIds, data.History, data.Popularity, new ExtremeRecommender(data.ItemIds.Length));
        var service = new RecommendationService(new FixedModelSource(ServingModels.Loaded(artifact)), ForgottenUserSet.None);

        var result = await service.ForSessionAsync(["i0"], 10);

        // i2 scores +∞ (reported as float.MaxValue), i4 NaN (dropped), i0 is the session's own item.
        Assert.Equal(["i2", "i1", "i3", "i5"], result.Value!.Items.Select(i => i.ItemId));
        Assert.Equal(float.MaxValue, result.Value.Items[0].Score);
        Assert.All(result.Value.Items, i => Assert.True(float.IsFinite(i.Score)));
    }

    private sealed class ExtremeRecommender(int itemCount) : Tailor.Training.IRecommender
    {
        public string Algorithm => "extreme";

        public int ItemCount => itemCount;

        public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
        {
            scores.Clear();
            scores[2] = float.PositiveInfinity;
            scores[4] = float.NaN;
        }

        public void Write(BinaryWriter writer) => throw new NotSupportedException();
    }
}
