using System.Globalization;
using System.Text;
using Tailor.Functions.Http;
using Tailor.Models;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>Through the HTTP functions against a promoted model: the trending fallback, the reasons fallbacks give,
/// diversity by category overlap while a catalog is loaded, and <c>available=false</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecencyServingTests(AzuriteFixture azurite)
{
    private static readonly string[] s_items = [.. Enumerable.Range(0, 20).Select(i => $"i{i:00}")];

    [Fact]
    public async Task Unknown_users_and_sessions_get_the_trending_list_when_the_model_carries_trending_scores()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.PromoteAsync("v1", withCatalog: false, artifact: WithTrending());
        var functions = harness.Functions;

        var stranger = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=5&explain=true"), "stranger"), "GetRecommendations");
        var session = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["nothing-known"], "count": 5}""")), "RecommendForSession");
        var known = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=5"), "u7"), "GetRecommendations");

        // The sample's trending scores rise with the item number: the reverse of its popularity.
        string[] expected = ["i19", "i18", "i17", "i16", "i15"];
        Assert.Equal("trending", stranger.Json.GetProperty("strategy").GetString());
        Assert.Equal(expected, Ids(stranger));
        Assert.All(stranger.Json.GetProperty("items").EnumerateArray(), i => Assert.Equal("trending", i.GetProperty("reason").GetString()));
        Assert.Equal("trending", session.Json.GetProperty("strategy").GetString());
        Assert.Equal(expected, Ids(session));
        Assert.Equal("personalized", known.Json.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task A_model_without_trending_scores_still_falls_back_to_popular()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.PromoteAsync("v1", withCatalog: false);

        var stranger = await ServingHarness.RunAsync(await harness.Functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3"), "stranger"), "GetRecommendations");

        Assert.Equal("popular", stranger.Json.GetProperty("strategy").GetString());
        Assert.Equal(["i00", "i01", "i02"], Ids(stranger));
    }

    [Fact]
    public async Task Fallback_reasons_name_the_requested_or_main_category_and_new_items()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        var recent = DateTimeOffset.UtcNow.AddDays(-2);
        await harness.IngestCatalogAsync("catalog.csv", Catalog(newItems: ["i01", "i03"], created: recent));
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;

        var plain = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=6&explain=true"), "stranger"), "GetRecommendations");
        var filtered = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=4&explain=true&category=news&category=comedy"), "stranger"), "GetRecommendations");

        Assert.Equal("popular", plain.Json.GetProperty("strategy").GetString());
        Assert.Equal(
            ["popular in Drama", "new in Comedy", "popular in Drama", "new in Comedy", "popular in Drama", "popular in Comedy"],
            Reasons(plain));

        // i00 (Drama|News), i01 (Comedy, new), i03 (Comedy, new), i05 (Comedy|News): the first requested category each is in.
        Assert.Equal(["i00", "i01", "i03", "i05"], Ids(filtered));
        Assert.Equal(["popular in News", "new in Comedy", "new in Comedy", "popular in News"], Reasons(filtered));
    }

    [Fact]
    public async Task Trending_reasons_name_a_category_while_a_catalog_is_loaded()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog());
        await harness.PromoteAsync("v1", artifact: WithTrending());

        var stranger = await ServingHarness.RunAsync(await harness.Functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3&explain=true"), "stranger"), "GetRecommendations");

        Assert.Equal("trending", stranger.Json.GetProperty("strategy").GetString());
        Assert.Equal(["i19", "i18", "i17"], Ids(stranger));
        Assert.Equal(["trending in Comedy", "trending in Drama", "trending in Comedy"], Reasons(stranger));
    }

    [Fact]
    public async Task With_a_catalog_diversity_spreads_the_list_over_categories()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);

        // Items 0–9 are Drama, 10–14 Comedy, 15–19 News: the popular list starts with ten Dramas.
        var csv = new StringBuilder("item_id,categories\n");
        foreach (var id in s_items)
        {
            var n = Number(id);
            csv.Append(id).Append(',').Append(n < 10 ? "Drama" : n < 15 ? "Comedy" : "News").Append('\n');
        }

        await harness.IngestCatalogAsync("catalog.csv", csv.ToString());
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;

        var plain = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3"), "stranger"), "GetRecommendations");
        var diverse = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3&diversity=0.7"), "stranger"), "GetRecommendations");
        var session = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["i00"], "count": 3, "diversity": 0.7}""")), "RecommendForSession");

        string Category(string id) => Number(id) < 10 ? "Drama" : Number(id) < 15 ? "Comedy" : "News";
        Assert.Equal(["i00", "i01", "i02"], Ids(plain));
        Assert.Equal(["Drama", "Comedy", "News"], Ids(diverse).Select(Category));
        Assert.Equal("i00", Ids(diverse)[0]);
        Assert.Equal(3, Ids(session).Select(Category).Distinct().Count());
    }

    [Fact]
    public async Task Available_false_lets_unavailable_items_in_and_the_default_keeps_them_out()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", "item_id,categories,available\ni00,Drama,false\ni01,Comedy,false\n");
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;

        var byDefault = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3"), "stranger"), "GetRecommendations");
        var onlyAvailable = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3&available=true"), "stranger"), "GetRecommendations");
        var everything = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3&available=false"), "stranger"), "GetRecommendations");
        var similar = await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i05/similar", "?count=20&available=false"), "i05"), "GetSimilarItems");
        var session = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["unknown"], "count": 3, "available": false}""")), "RecommendForSession");
        var sessionDefault = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["unknown"], "count": 3}""")), "RecommendForSession");

        Assert.Equal(["i02", "i03", "i04"], Ids(byDefault));
        Assert.Equal(Ids(byDefault), Ids(onlyAvailable));
        Assert.Equal(["i00", "i01", "i02"], Ids(everything));
        Assert.Contains("i00", Ids(similar));
        Assert.Equal(["i00", "i01", "i02"], Ids(session));
        Assert.Equal(["i02", "i03", "i04"], Ids(sessionDefault));
    }

    [Theory]
    [InlineData("?available=yes")]
    [InlineData("?available=true&available=false")]
    public async Task A_bad_available_value_is_a_400_problem_naming_it(string query)
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();

        (await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u1", query), "u1"), "GetRecommendations")).AssertProblem(400, "invalid-parameter", "available");
        (await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i01/similar", query), "i01"), "GetSimilarItems")).AssertProblem(400, "invalid-parameter", "available");
        (await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["i00"], "available": "no"}""")), "RecommendForSession")).AssertProblem(400, "invalid-parameter", "available");
    }

    /// <summary>The EASE sample with trending scores that rise with the item number (the reverse of its popularity).</summary>
    private static ModelArtifact WithTrending()
    {
        var ease = ServingHarness.EaseArtifact();
        var trending = Enumerable.Range(0, ease.ItemIds.Length).Select(i => (float)i).ToArray();
        return new ModelArtifact(ease.UserIds, ease.ItemIds, ease.History, ease.Popularity, ease.Model) { Trending = trending };
    }

    /// <summary>Even items are Drama, odd ones Comedy; every fifth is News too (listed second). <paramref name="newItems"/> were
    /// created at <paramref name="created"/>, the rest in 2020.</summary>
    private static string Catalog(IReadOnlyCollection<string>? newItems = null, DateTimeOffset? created = null)
    {
        var csv = new StringBuilder("item_id,categories,created\n");
        foreach (var id in s_items)
        {
            var n = Number(id);
            var categories = (n % 2 == 0 ? "Drama" : "Comedy") + (n % 5 == 0 ? "|News" : "");
            var when = newItems?.Contains(id) == true ? created!.Value : new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            csv.Append(id).Append(',').Append(categories).Append(',').Append(when.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private static int Number(string id) => int.Parse(id.AsSpan(1), CultureInfo.InvariantCulture);

    private static List<string> Ids(ServingHarness.Response response) =>
        [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];

    private static List<string> Reasons(ServingHarness.Response response) =>
        [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reason").GetString()!)];
}
