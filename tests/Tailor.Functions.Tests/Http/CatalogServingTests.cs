using System.Text;
using Microsoft.AspNetCore.Mvc;
using Tailor.Functions.Http;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>The item catalog served with the model, through the HTTP functions: category filters, hidden items and
/// catalog uploads that reach serving without retraining.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CatalogServingTests(AzuriteFixture azurite)
{
    private static readonly string[] s_items = [.. Enumerable.Range(0, 20).Select(i => $"i{i:00}")];
    private static readonly string[] s_hidden = ["i03", "i06", "i09"];

    [Fact]
    public async Task A_category_filter_returns_only_items_of_the_named_categories_on_every_route()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog(hidden: s_hidden));
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;
        var wanted = s_items.Where(id => (Category(id) == "Drama" || IsNews(id)) && !s_hidden.Contains(id)).ToHashSet();

        // Case-insensitive, and any of the repeated values matches.
        var answers = await AllRoutesAsync(functions, "category=drama&category=NEWS");

        foreach (var (strategy, ids) in answers)
        {
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.Contains(id, wanted));
        }

        Assert.Equal(Sorted(wanted), Sorted(answers["popular"]));
        Assert.Equal(Sorted(wanted.Except(["i00", "i01", "i02"])), Sorted(answers["personalized"]));
    }

    [Fact]
    public async Task An_unavailable_item_never_appears_on_any_route()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog());
        await harness.IngestCatalogAsync("hide.csv", "item_id,available\n" + string.Join("", s_hidden.Select(id => $"{id},false\n")));
        await harness.PromoteAsync("v1");

        var answers = await AllRoutesAsync(harness.Functions, "");

        var visible = s_items.Except(s_hidden).ToHashSet();
        Assert.Equal(Sorted(visible), Sorted(answers["popular"]));
        Assert.Equal(Sorted(visible.Except(["i00", "i01", "i02"])), Sorted(answers["personalized"]));
        Assert.Equal(Sorted(visible.Except(["i00"])), Sorted(answers["session"]));
        Assert.Equal(Sorted(visible.Except(["i05"])), Sorted(answers["similar"]));
    }

    [Fact]
    public async Task A_category_filter_is_a_400_naming_category_when_the_serving_model_was_trained_without_a_catalog()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog(hidden: s_hidden));
        await harness.PromoteAsync("v1", withCatalog: false);
        var functions = harness.Functions;

        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?category=Drama"), "u7"), "GetRecommendations");
        var plain = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=20"), "stranger"), "GetRecommendations");

        response.AssertProblem(400, "invalid-parameter", "category");
        Assert.Contains("no catalog is loaded", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Sorted(s_items), Sorted(plain));
    }

    [Fact]
    public async Task Hiding_an_item_with_a_new_catalog_upload_takes_effect_without_retraining()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog());
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;
        var before = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=5"), "u7"), "GetRecommendations");
        var top = before[0];

        await harness.IngestCatalogAsync("hide.csv", $"item_id,available\n{top},false\n");

        var after = await Eventually.PollAsync(
            async () =>
            {
                var ids = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=5"), "u7"), "GetRecommendations");
                return ids.Contains(top) ? null : ids;
            },
            TimeSpan.FromSeconds(20 * CatalogServingHarness.RefreshSeconds),
            $"{top} to leave u7's list");
        var version = await ServingHarness.RunAsync(await harness.Models.Current(ServingHarness.Get("/api/models/current")), "GetCurrentModel");

        Assert.Equal(before.Skip(1), after.Take(4));
        Assert.Equal("v1", version.Json.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Pages_of_a_category_filtered_list_agree_with_one_longer_list()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog(hidden: s_hidden));
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;

        var whole = await AllRoutesAsync(functions, "category=Drama&count=6");
        var pages = await AllRoutesAsync(functions, "category=Drama&count=3&offset=3");

        foreach (var (strategy, ids) in whole)
        {
            Assert.Equal(6, ids.Count);
            Assert.All(ids, id => Assert.Equal("Drama", Category(id)));
            Assert.Equal(ids.Skip(3), pages[strategy]);
        }
    }

    [Fact]
    public async Task A_cold_item_uploaded_after_training_answers_similar_items_by_content_without_retraining()
    {
        await using var harness = await CatalogServingHarness.CreateAsync(azurite);
        await harness.IngestCatalogAsync("catalog.csv", Catalog());
        await harness.PromoteAsync("v1");
        var functions = harness.Functions;
        var before = await functions.SimilarItems(ServingHarness.Get("/api/items/new-drama/similar", "?count=5"), "new-drama");
        (await ServingHarness.RunAsync(before, "GetSimilarItems")).AssertProblem(404, "not-found", "itemId");

        await harness.IngestCatalogAsync("new.csv", "item_id,title,categories\nnew-drama,A new drama,Drama\n");

        var similar = await Eventually.PollAsync(
            async () =>
            {
                var response = await ServingHarness.RunAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/new-drama/similar", "?count=5"), "new-drama"), "GetSimilarItems");
                return response.Status == 200 ? response : null;
            },
            TimeSpan.FromSeconds(20 * CatalogServingHarness.RefreshSeconds),
            "new-drama to answer similar items");
        var ids = similar.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).ToList();

        Assert.Equal("content", similar.Json.GetProperty("strategy").GetString());
        Assert.Equal(5, ids.Count);
        Assert.All(ids, id => Assert.Equal("Drama", Category(id)));
    }

    /// <summary>Even items are Drama, odd ones Comedy; every fifth is News too. <paramref name="hidden"/> are unavailable.</summary>
    private static string Catalog(IReadOnlyCollection<string>? hidden = null)
    {
        var csv = new StringBuilder("item_id,categories,available\n");
        foreach (var id in s_items)
        {
            var categories = IsNews(id) ? Category(id) + "|News" : Category(id);
            csv.Append(id).Append(',').Append(categories).Append(',').Append(hidden?.Contains(id) == true ? "false" : "true").Append('\n');
        }

        return csv.ToString();
    }

    private static List<string> Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    private static int Number(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    private static string Category(string id) => Number(id) % 2 == 0 ? "Drama" : "Comedy";

    private static bool IsNews(string id) => Number(id) % 5 == 0;

    /// <summary>The item ids each strategy answers with the given query (count 20 unless it says): personalized for
    /// u7, popular for a stranger, a session of i00, items similar to i05.</summary>
    private static async Task<Dictionary<string, List<string>>> AllRoutesAsync(RecommendationFunctions functions, string query)
    {
        var q = "?" + (query.Contains("count=", StringComparison.Ordinal) ? query : "count=20&" + query);
        var body = ToBody(q);
        return new Dictionary<string, List<string>>
        {
            ["personalized"] = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/u7", q), "u7"), "GetRecommendations", "personalized"),
            ["popular"] = await IdsAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/stranger", q), "stranger"), "GetRecommendations", "popular"),
            ["session"] = await IdsAsync(await functions.ForSession(ServingHarness.Post("/api/recommendations", body)), "RecommendForSession", "session"),
            ["similar"] = await IdsAsync(await functions.SimilarItems(ServingHarness.Get("/api/items/i05/similar", q), "i05"), "GetSimilarItems", "similar"),
        };
    }

    /// <summary>The session body of a query string: items [i00], count, offset and the categories.</summary>
    private static string ToBody(string query)
    {
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToList();
        var categories = pairs.Where(p => p[0] == "category").Select(p => $"\"{p[1]}\"");
        var numbers = pairs.Where(p => p[0] is "count" or "offset").Select(p => $"\"{p[0]}\": {p[1]}");
        return $"{{\"items\": [\"i00\"], \"category\": [{string.Join(", ", categories)}]{string.Concat(numbers.Select(n => ", " + n))}}}";
    }

    private static async Task<List<string>> IdsAsync(IActionResult result, string operationId, string? strategy = null)
    {
        var response = await ServingHarness.RunAsync(result, operationId);
        Assert.Equal(200, response.Status);
        if (strategy is not null)
        {
            Assert.Equal(strategy, response.Json.GetProperty("strategy").GetString());
        }

        return [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];
    }
}
