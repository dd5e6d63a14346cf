using System.Text.Json;
using Tailor.Functions.Http;
using Tailor.Testing;
using Tailor.Training;
using Tailor.Training.Ease;

namespace Tailor.Tests.Http;

/// <summary>offset, exclude, category, explain and diversity on every recommendation route, against a promoted EASE model.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecommendationOptionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Page_two_of_every_route_equals_the_second_half_of_one_longer_list()
    {
        await using var harness = await PromotedEaseAsync();
        var functions = harness.Create<RecommendationFunctions>();

        foreach (var diversity in new[] { "0", "0.5" })
        {
            var all = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", $"?count=10&diversity={diversity}"), "u7"), "GetRecommendations");
            var page = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", $"?count=5&offset=5&diversity={diversity}"), "u7"), "GetRecommendations");
            Assert.Equal(10, all.Count);
            Assert.Equal(all.Skip(5), page);

            var similar = await IdsAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i04/similar", $"?count=8&diversity={diversity}"), "i04"), "GetSimilarItems");
            var similarPage = await IdsAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i04/similar", $"?count=4&offset=4&diversity={diversity}"), "i04"), "GetSimilarItems");
            Assert.Equal(similar.Skip(4), similarPage);

            var session = await IdsAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", $$"""{"items": ["i00"], "count": 8, "diversity": {{diversity}}}""")), "RecommendForSession");
            var sessionPage = await IdsAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", $$"""{"items": ["i00"], "count": 4, "offset": 4, "diversity": {{diversity}}}""")), "RecommendForSession");
            Assert.Equal(session.Skip(4), sessionPage);
        }
    }

    [Fact]
    public async Task Excluded_items_are_left_out_on_every_route()
    {
        await using var harness = await PromotedEaseAsync();
        var functions = harness.Create<RecommendationFunctions>();
        var plain = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=6"), "u7"), "GetRecommendations");

        var user = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", $"?count=4&exclude={plain[0]},{plain[2]},unknown-item"), "u7"), "GetRecommendations");
        var session = await IdsAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["i00"], "exclude": ["i01", "i02"]}""")), "RecommendForSession");
        var similar = await IdsAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i04/similar", "?exclude=i03&exclude=i05"), "i04"), "GetSimilarItems");

        Assert.Equal(plain.Where((_, i) => i is not 0 and not 2).Take(4), user);
        Assert.DoesNotContain("i01", session);
        Assert.DoesNotContain("i02", session);
        Assert.DoesNotContain("i03", similar);
        Assert.DoesNotContain("i05", similar);
        Assert.NotEmpty(similar);
    }

    [Theory]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=ten", "offset")]
    [InlineData("?offset=1&offset=2", "offset")]
    [InlineData("?offset=495&count=10", "offset")]
    [InlineData("?offset=500", "offset")]
    [InlineData("?diversity=1.5", "diversity")]
    [InlineData("?diversity=-0.1", "diversity")]
    [InlineData("?diversity=NaN", "diversity")]
    [InlineData("?diversity=lots", "diversity")]
    [InlineData("?explain=yes", "explain")]
    [InlineData("?exclude=i01,,i02", "exclude")]
    [InlineData("?category=", "category")]
    public async Task A_bad_option_is_a_400_problem_naming_it_on_the_get_routes(string query, string parameter)
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();

        (await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u1", query), "u1"), "GetRecommendations")).AssertProblem(400, "invalid-parameter", parameter);
        (await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i01/similar", query), "i01"), "GetSimilarItems")).AssertProblem(400, "invalid-parameter", parameter);
    }

    [Fact]
    public async Task More_than_a_thousand_excluded_ids_is_a_400_problem_naming_exclude()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();
        var ids = string.Join(',', Enumerable.Range(0, 1001).Select(i => $"i{i}"));
        var body = JsonSerializer.Serialize(new { items = new[] { "i00" }, exclude = Enumerable.Range(0, 1001).Select(i => $"i{i}") });

        (await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u1", "?exclude=" + ids), "u1"), "GetRecommendations")).AssertProblem(400, "invalid-parameter", "exclude");
        (await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", body)), "RecommendForSession")).AssertProblem(400, "invalid-parameter", "exclude");
    }

    [Theory]
    [InlineData("""{"items": ["i00"], "offset": -3}""", "offset")]
    [InlineData("""{"items": ["i00"], "offset": 491, "count": 10}""", "offset")]
    [InlineData("""{"items": ["i00"], "diversity": 2}""", "diversity")]
    [InlineData("""{"items": ["i00"], "explain": "yes"}""", "explain")]
    [InlineData("""{"items": ["i00"], "exclude": ["i01", ""]}""", "exclude")]
    [InlineData("""{"items": ["i00"], "category": [null]}""", "category")]
    public async Task A_bad_option_in_the_session_body_is_a_400_problem_naming_it(string body, string parameter)
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<RecommendationFunctions>();

        (await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", body)), "RecommendForSession")).AssertProblem(400, "invalid-parameter", parameter);
    }

    [Fact]
    public async Task A_category_filter_is_a_400_problem_while_no_catalog_is_loaded()
    {
        await using var harness = await PromotedEaseAsync();
        var functions = harness.Create<RecommendationFunctions>();

        var user = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?category=Drama&category=Comedy"), "u7"), "GetRecommendations");
        var session = await ServingHarness.RunAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", """{"items": ["i00"], "category": ["Drama"]}""")), "RecommendForSession");
        var similar = await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i04/similar", "?category=Drama"), "i04"), "GetSimilarItems");

        foreach (var response in new[] { user, session, similar })
        {
            response.AssertProblem(400, "invalid-parameter", "category");
            Assert.Contains("no catalog is loaded", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explanations_name_the_users_history_items_with_the_largest_ease_terms()
    {
        await using var harness = await PromotedEaseAsync();
        var functions = harness.Create<RecommendationFunctions>();
        var artifact = ServingHarness.EaseArtifact();
        var ease = (EaseRecommender)artifact.Model;
        var user = Array.IndexOf(artifact.UserIds, "u5");
        var history = artifact.History.ItemsOf(user).ToArray();
        var weights = artifact.History.WeightsOf(user).ToArray();

        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u5", "?count=5&explain=true"), "u5"), "GetRecommendations");

        Assert.Equal(200, response.Status);
        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        foreach (var item in items)
        {
            var index = Array.IndexOf(artifact.ItemIds, item.GetProperty("itemId").GetString());
            var terms = history.Select((h, k) => WeightScaling.Apply(ease.Input, weights[k]) * ease.WeightsFrom(h)[index]).ToArray();
            var expected = Enumerable.Range(0, history.Length).Where(k => terms[k] > 0f)
                .OrderByDescending(k => terms[k]).ThenBy(k => k).Take(3)
                .Select(k => artifact.ItemIds[history[k]]).ToList();
            var because = item.GetProperty("because").EnumerateArray().ToList();

            Assert.NotEmpty(because);
            Assert.Equal(expected, because.Select(b => b.GetProperty("itemId").GetString()));
            Assert.All(because, b => Assert.InRange(b.GetProperty("share").GetSingle(), 0f, 1f));
        }
    }

    [Fact]
    public async Task A_fallback_explains_itself_and_a_plain_request_carries_no_explanation()
    {
        await using var harness = await PromotedEaseAsync();
        var functions = harness.Create<RecommendationFunctions>();

        var fallback = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=3&explain=true"), "stranger"), "GetRecommendations");
        var plain = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u5", "?count=3"), "u5"), "GetRecommendations");

        Assert.Equal("popular", fallback.Json.GetProperty("strategy").GetString());
        Assert.All(fallback.Json.GetProperty("items").EnumerateArray(), i => Assert.Equal("popular overall", i.GetProperty("reason").GetString()));
        Assert.All(plain.Json.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.False(i.TryGetProperty("because", out _));
            Assert.False(i.TryGetProperty("reason", out _));
        });
    }

    [Fact]
    public async Task Diversity_zero_is_the_plain_list_and_diversity_lowers_the_lists_similarity()
    {
        await using var harness = await PromotedEaseAsync();
        var functions = harness.Create<RecommendationFunctions>();
        var artifact = ServingHarness.EaseArtifact();
        var similarity = (IItemSimilarity)artifact.Model;

        var plain = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=6"), "u7"), "GetRecommendations");
        var zero = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=6&diversity=0"), "u7"), "GetRecommendations");
        var diverse = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=6&diversity=0.7"), "u7"), "GetRecommendations");

        Assert.Equal(plain, zero);
        Assert.Equal(6, diverse.Count);
        Assert.True(
            IntraListSimilarity(diverse, artifact.ItemIds, similarity) < IntraListSimilarity(plain, artifact.ItemIds, similarity),
            $"[{string.Join(", ", diverse)}] is not less alike than [{string.Join(", ", plain)}]");
    }

    private static double IntraListSimilarity(List<string> ids, string[] itemIds, IItemSimilarity similarity)
    {
        var items = ids.Select(id => Array.IndexOf(itemIds, id)).ToArray();
        double sum = 0;
        for (var a = 0; a < items.Length; a++)
        {
            for (var b = a + 1; b < items.Length; b++)
            {
                sum += similarity.Similarity(items[a], items[b]);
            }
        }

        return sum;
    }

    private static async Task<List<string>> IdsAsync(Microsoft.AspNetCore.Mvc.IActionResult result, string operation)
    {
        var response = await ServingHarness.RunAsync(result, operation);
        Assert.Equal(200, response.Status);
        return [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];
    }

    private async Task<ServingHarness> PromotedEaseAsync()
    {
        var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync("v-ease", ServingHarness.EaseArtifact());
        await harness.PromoteAsync("v-ease");
        return harness;
    }
}
