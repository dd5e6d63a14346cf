using Tailor.Functions.Http;
using Tailor.Testing;

namespace Tailor.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class RecommendationFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_recommendation_route_answers_503_no_model_before_the_first_promotion()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();

        (await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u1"), "u1"), "GetRecommendations")).AssertProblem(503, "no-model");
        (await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["i01"]}""")), "RecommendForSession")).AssertProblem(503, "no-model");
        (await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i01/similar"), "i01"), "GetSimilarItems")).AssertProblem(503, "no-model");
    }

    [Fact]
    public async Task Recommendations_for_a_known_user_name_version_and_strategy_and_skip_seen_items()
    {
        await using var harness = await PromotedAsync("20261129-041500-ab12cd");
        var functions = harness.Create<RecommendationFunctions>();

        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=3"), "u7"), "GetRecommendations");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("20261129-041500-ab12cd", response.Json.GetProperty("modelVersion").GetString());
        Assert.Equal("popular", response.Json.GetProperty("strategy").GetString());
        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        // u7 saw i00–i02 (the most popular); the next are i03–i05, seen by 7 users each.
        Assert.Equal(["i03", "i04", "i05"], items.Select(i => i.GetProperty("itemId").GetString()));
        Assert.All(items, i => Assert.Equal(7f, i.GetProperty("score").GetSingle()));
    }

    [Fact]
    public async Task Unknown_user_gets_the_popular_items_and_the_default_count()
    {
        await using var harness = await PromotedAsync("v1");
        var functions = harness.Create<RecommendationFunctions>();

        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/new-user"), "new-user"), "GetRecommendations");

        Assert.Equal(200, response.Status);
        Assert.Equal("popular", response.Json.GetProperty("strategy").GetString());
        var ids = response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(["i00", "i01", "i02", "i03"], ids.Take(4));
    }

    [Fact]
    public async Task A_user_who_has_seen_everything_gets_an_empty_list()
    {
        await using var harness = await PromotedAsync("v1");
        var functions = harness.Create<RecommendationFunctions>();

        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u0"), "u0"), "GetRecommendations");

        Assert.Equal(200, response.Status);
        Assert.Empty(response.Json.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("?count=0")]
    [InlineData("?count=101")]
    [InlineData("?count=ten")]
    [InlineData("?count=")]
    [InlineData("?count=-5")]
    [InlineData("?count=5&count=6")]
    public async Task Count_outside_1_to_100_is_a_400_problem_naming_count(string query)
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();

        (await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u1", query), "u1"), "GetRecommendations")).AssertProblem(400, "invalid-parameter", "count");
        (await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i01/similar", query), "i01"), "GetSimilarItems")).AssertProblem(400, "invalid-parameter", "count");
    }

    [Fact]
    public async Task An_overlong_user_id_is_a_400_problem_naming_userId()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();
        var id = new string('u', 129);

        (await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/" + id), id), "GetRecommendations")).AssertProblem(400, "invalid-parameter", "userId");
    }

    [Fact]
    public async Task Session_recommendations_exclude_the_sessions_items()
    {
        await using var harness = await PromotedAsync("v1");
        var functions = harness.Create<RecommendationFunctions>();

        var response = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["i00", "i02", "unknown"], "count": 2}""")), "RecommendForSession");

        Assert.Equal(200, response.Status);
        Assert.Equal("v1", response.Json.GetProperty("modelVersion").GetString());
        Assert.Equal(["i01", "i03"], response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()));
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("{not json", "body")]
    [InlineData("null", "body")]
    [InlineData("""{"count": 3}""", "items")]
    [InlineData("""{"items": "i01"}""", "items")]
    [InlineData("""{"items": ["i01"], "count": "ten"}""", "count")]
    [InlineData("""{"items": ["i01"], "count": 0}""", "count")]
    [InlineData("""{"items": ["i01"], "count": 101}""", "count")]
    [InlineData("""{"items": ["i01", ""]}""", "items[1]")]
    [InlineData("""{"items": ["i01", null]}""", "items[1]")]
    public async Task A_bad_session_body_is_a_400_problem_naming_the_field(string body, string field)
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();

        var response = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", body)), "RecommendForSession");

        response.AssertProblem(400, "invalid-parameter", field);
    }

    [Fact]
    public async Task Similar_items_of_a_known_item_exclude_it_and_of_an_unknown_item_are_404()
    {
        await using var harness = await PromotedAsync("v1");
        var functions = harness.Create<RecommendationFunctions>();

        var similar = await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i04/similar", "?count=5"), "i04"), "GetSimilarItems");
        var missing = await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/nope/similar"), "nope"), "GetSimilarItems");

        Assert.Equal(200, similar.Status);
        // A popularity model has no item-to-item signal, so the answer says so: the popular items, minus i04.
        Assert.Equal("popular", similar.Json.GetProperty("strategy").GetString());
        var ids = similar.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()).ToList();
        Assert.Equal(["i00", "i01", "i02", "i03", "i05"], ids);
        missing.AssertProblem(404, "not-found", "itemId");
    }

    private async Task<ServingHarness> PromotedAsync(string version)
    {
        var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync(version);
        await harness.PromoteAsync(version);
        return harness;
    }
}
