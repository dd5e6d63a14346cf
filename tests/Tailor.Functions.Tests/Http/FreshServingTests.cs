using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Functions.Http;
using Tailor.Ingestion;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>Events posted through <c>POST events</c> on one instance change what another instance serves, without
/// retraining, within the fresh-history cache time (<c>Tailor:Fresh:CacheMilliseconds</c>).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FreshServingTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan s_refreshBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_new_user_first_events_turn_their_strategy_from_popular_to_fresh()
    {
        await using var harness = await PromotedAsync();
        var recommendations = harness.Create<RecommendationFunctions>();
        Assert.Equal("popular", (await GetAsync(recommendations, "newcomer")).Strategy);

        var posted = await PostAsync(harness, ("newcomer", "i12", "click"), ("newcomer", "i15", "add_to_cart"), ("newcomer", "i18", "purchase"));
        Assert.Equal(3, posted.GetProperty("accepted").GetInt32());

        var served = await Eventually.PollAsync(
            async () => await GetAsync(recommendations, "newcomer") is { Strategy: "fresh" } list ? list : null,
            s_refreshBound, "the new user's strategy to become fresh");
        var items = served.Items;
        Assert.Equal(10, items.Count);
        Assert.DoesNotContain("i12", items);
        Assert.DoesNotContain("i15", items);
        Assert.DoesNotContain("i18", items);
    }

    [Fact]
    public async Task A_known_user_just_bought_item_leaves_their_list()
    {
        await using var harness = await PromotedAsync();
        var recommendations = harness.Create<RecommendationFunctions>();
        var before = await GetAsync(recommendations, "u6");
        Assert.Equal("personalized", before.Strategy);
        var bought = before.Items[0];

        await PostAsync(harness, ("u6", bought, "purchase"));

        var after = await Eventually.PollAsync(
            async () => await GetAsync(recommendations, "u6") is var list && !list.Items.Contains(bought) ? list : null,
            s_refreshBound, $"{bought} to leave u6's list");
        Assert.Equal("personalized", after.Strategy);
        Assert.Equal(10, after.Items.Count);
    }

    /// <summary>Posts through a function with its own (uncached) store, as another instance of the app would.</summary>
    private static async Task<JsonElement> PostAsync(ServingHarness harness, params (string User, string Item, string Type)[] events)
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new { events = events.Select(e => new { userId = e.User, itemId = e.Item, eventType = e.Type, timestamp = now }) });
        var store = new FreshHistoryTable(harness.Storage, Options.Create(new FreshOptions()), TimeProvider.System);
        var functions = new EventFunctions(new EventApiWriter(harness.Storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, TimeProvider.System, store));
        var response = await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", body)), "PostEvents");
        Assert.Equal(202, response.Status);
        return response.Json;
    }

    private static async Task<Served> GetAsync(RecommendationFunctions functions, string user)
    {
        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get($"/api/recommendations/{user}"), user), "GetRecommendations");
        Assert.Equal(200, response.Status);
        return new Served(
            response.Json.GetProperty("strategy").GetString()!,
            response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).ToList());
    }

    private async Task<ServingHarness> PromotedAsync()
    {
        var harness = await ServingHarness.CreateAsync(azurite);
        Assert.IsType<CachedFreshHistory>(harness.Services.GetRequiredService<IFreshHistory>());
        await harness.WriteVersionAsync("v1", ServingHarness.EaseArtifact());
        await harness.PromoteAsync("v1");
        return harness;
    }

    private sealed record Served(string Strategy, List<string> Items);
}
