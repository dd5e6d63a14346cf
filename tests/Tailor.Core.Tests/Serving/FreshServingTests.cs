using Tailor.Fresh;
using Tailor.Serving;
using Tailor.Tests.Fresh;
using Tailor.Tests.Models;
using static Tailor.Tests.Fresh.FreshHistoryTableTests;

namespace Tailor.Tests.Serving;

public sealed class FreshServingTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_new_user_with_fresh_events_is_scored_from_them_with_strategy_fresh()
    {
        var fresh = new CountingFreshHistory();
        var service = Service(fresh);
        Assert.Equal(RecommendationStrategy.Popular, (await service.GetForUserAsync("newcomer", 10)).Value!.Strategy);

        await fresh.AddAsync([Event("newcomer", "i0", s_now), Event("newcomer", "i4", s_now.AddSeconds(1)), Event("newcomer", "not-in-model", s_now)]);
        var result = (await service.GetForUserAsync("newcomer", 10)).Value!;

        Assert.Equal(RecommendationStrategy.Fresh, result.Strategy);
        var session = (await service.ForSessionAsync(["i0", "i4"], 10)).Value!;
        Assert.Equal(session.Items, result.Items);
        Assert.DoesNotContain(result.Items, i => i.ItemId is "i0" or "i4");
    }

    [Fact]
    public async Task A_new_user_whose_fresh_items_the_model_does_not_know_stays_popular()
    {
        var fresh = new CountingFreshHistory();
        await fresh.AddAsync([Event("newcomer", "brand-new-item", s_now)]);

        var result = (await Service(fresh).GetForUserAsync("newcomer", 10)).Value!;

        Assert.Equal(RecommendationStrategy.Popular, result.Strategy);
    }

    [Fact]
    public async Task A_forgotten_user_stays_popular_whatever_their_fresh_events()
    {
        var fresh = new CountingFreshHistory();
        await fresh.AddAsync([Event("u1", "i0", s_now), Event("gone", "i0", s_now)]);
        var service = new RecommendationService(new FixedModelSource(Model()), new ForgottenUserSet("u1", "gone"), freshHistory: fresh);

        Assert.Equal(RecommendationStrategy.Popular, (await service.GetForUserAsync("u1", 10)).Value!.Strategy);
        Assert.Equal(RecommendationStrategy.Popular, (await service.GetForUserAsync("gone", 10)).Value!.Strategy);
    }

    [Fact]
    public async Task A_known_user_just_bought_item_leaves_their_list_which_is_rescored_with_it()
    {
        var model = Model();
        var fresh = new CountingFreshHistory();
        var service = Service(fresh, model);
        var before = (await service.GetForUserAsync("u0", 10)).Value!;
        Assert.Equal("i1", before.Items[0].ItemId);

        await fresh.AddAsync([Event("u0", "i1", s_now, weight: 4f)]);
        var after = (await service.GetForUserAsync("u0", 10)).Value!;

        // u0's history i0 (1), i3 (2) plus the fresh i1 (4): each item's score is Σ weight · co-occurrence.
        var recommender = (CooccurrenceRecommender)model.Artifact.Model;
        (int Item, float Weight)[] history = [(0, 1f), (1, 4f), (3, 2f)];
        var scores = Enumerable.Range(0, 6).Select(j => history.Sum(h => h.Weight * recommender.Cooccurrence(h.Item, j))).ToArray();
        var expected = ServingModels.NaiveTop(model.Artifact.ItemIds, scores, [0, 1, 3], 10);

        Assert.Equal(RecommendationStrategy.Personalized, after.Strategy);
        Assert.DoesNotContain(after.Items, i => i.ItemId == "i1");
        Assert.Equal(expected.Select(e => (e.ItemId, e.Score)), after.Items.Select(i => (i.ItemId, i.Score)));
    }

    [Fact]
    public async Task Fresh_events_on_items_already_in_the_history_change_nothing()
    {
        var fresh = new CountingFreshHistory();
        var service = Service(fresh);
        var before = (await service.GetForUserAsync("u0", 10)).Value!;

        await fresh.AddAsync([Event("u0", "i3", s_now), Event("u0", "unknown", s_now)]);
        var after = (await service.GetForUserAsync("u0", 10)).Value!;

        Assert.Equal(before.Strategy, after.Strategy);
        Assert.Equal(before.Items, after.Items);
    }

    [Fact]
    public async Task Each_request_reads_the_store_once_and_the_cache_serves_repeats()
    {
        var store = new CountingFreshHistory();
        await store.AddAsync([Event("newcomer", "i0", s_now)]);
        var direct = Service(store);

        await direct.GetForUserAsync("newcomer", 10);
        await direct.GetForUserAsync("u0", 10);
        Assert.Equal(2, store.Reads);

        var cached = Service(new CachedFreshHistory(store, new ManualTimeProvider(s_now)));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(RecommendationStrategy.Fresh, (await cached.GetForUserAsync("newcomer", 10)).Value!.Strategy);
        }

        Assert.Equal(3, store.Reads);
    }

    private static LoadedModel Model() => ServingModels.Cooccurrence(SampleArtifacts.Small());

    private static RecommendationService Service(IFreshHistory fresh, LoadedModel? model = null) =>
        new(new FixedModelSource(model ?? Model()), ForgottenUserSet.None, freshHistory: fresh);
}
