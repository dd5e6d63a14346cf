using Tailor.Models;
using Tailor.Serving;
using Tailor.Tests.Models;
using Tailor.Training.Ease;

namespace Tailor.Tests.Serving;

/// <summary>Paging, exclusion and catalog filters hold for every strategy: one candidate mask, one ranking.</summary>
public sealed class RecommendationRequestTests
{
    private static readonly ModelArtifact s_data = SampleArtifacts.Random(11, 60, 80, 6);

    public static TheoryData<string> Strategies => new() { "user", "session", "similar", "popular" };

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Page_two_equals_items_eleven_to_twenty_of_the_first_twenty(string strategy)
    {
        var service = EaseService();

        foreach (var diversity in new[] { 0f, 0.4f })
        {
            var twenty = await ItemsAsync(service, strategy, new RecommendationRequest { Count = 20, Diversity = diversity });
            var second = await ItemsAsync(service, strategy, new RecommendationRequest { Count = 10, Offset = 10, Diversity = diversity });
            var first = await ItemsAsync(service, strategy, new RecommendationRequest { Count = 10, Diversity = diversity });

            Assert.Equal(20, twenty.Count);
            Assert.Equal(twenty.Skip(10), second);
            Assert.Equal(twenty.Take(10), first);
        }
    }

    [Fact]
    public async Task An_offset_past_the_last_candidate_answers_an_empty_page()
    {
        var service = EaseService();

        var page = await ItemsAsync(service, "user", new RecommendationRequest { Count = 10, Offset = 490 });

        Assert.Empty(page);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Excluded_items_never_appear_and_the_rest_keep_their_order(string strategy)
    {
        var service = EaseService();
        var plain = await ItemsAsync(service, strategy, RecommendationRequest.Top(15));
        string[] exclude = [plain[0], plain[3], plain[7], "not-an-item"];

        var filtered = await ItemsAsync(service, strategy, new RecommendationRequest { Count = 12, Exclude = exclude });

        Assert.Empty(filtered.Intersect(exclude));
        Assert.Equal(plain.Except(exclude).Take(12), filtered);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_category_filter_keeps_only_available_items_of_the_named_categories(string strategy)
    {
        var catalog = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        for (var i = 0; i < s_data.ItemIds.Length; i++)
        {
            catalog[s_data.ItemIds[i]] = new CatalogItem([i % 3 == 0 ? "Drama" : i % 3 == 1 ? "Comedy" : "News"], Available: i % 5 != 0);
        }

        var view = new ItemCatalogView(catalog);
        var service = EaseService(new FixedItemCatalog(view));

        var items = await ItemsAsync(service, strategy, new RecommendationRequest { Count = 10, Categories = ["Drama", "Comedy"] });

        Assert.NotEmpty(items);
        Assert.All(items, id => Assert.True(catalog[id].Available && catalog[id].Categories[0] is "Drama" or "Comedy", id));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task With_a_catalog_unavailable_items_are_hidden_unless_the_request_says_otherwise(string strategy)
    {
        var plain = await ItemsAsync(EaseService(), strategy, RecommendationRequest.Top(10));
        var catalog = new Dictionary<string, CatalogItem>(StringComparer.Ordinal)
        {
            [plain[0]] = new CatalogItem([], Available: false),
            [plain[4]] = new CatalogItem(["Drama"], Available: false),
            [plain[5]] = new CatalogItem(["Drama"]),
        };
        var service = EaseService(new FixedItemCatalog(new ItemCatalogView(catalog)));

        var available = await ItemsAsync(service, strategy, RecommendationRequest.Top(8));
        var everything = await ItemsAsync(service, strategy, new RecommendationRequest { Count = 10, AvailableOnly = false });

        Assert.Equal(plain.Where((_, i) => i is not 0 and not 4).Take(8), available);
        Assert.Equal(plain, everything);
    }

    [Fact]
    public async Task A_category_filter_without_a_catalog_is_refused_for_every_strategy()
    {
        var service = EaseService();
        var request = new RecommendationRequest { Count = 5, Categories = ["Drama"] };

        Assert.Equal(ServingStatus.NoCatalog, (await service.GetForUserAsync(s_data.UserIds[0], request)).Status);
        Assert.Equal(ServingStatus.NoCatalog, (await service.ForSessionAsync([s_data.ItemIds[0]], request)).Status);
        Assert.Equal(ServingStatus.NoCatalog, (await service.SimilarItemsAsync(s_data.ItemIds[0], request)).Status);
    }

    [Fact]
    public async Task Without_a_catalog_available_only_changes_nothing()
    {
        var service = EaseService();

        var availableOnly = await ItemsAsync(service, "user", new RecommendationRequest { Count = 10, AvailableOnly = true });
        var everything = await ItemsAsync(service, "user", new RecommendationRequest { Count = 10, AvailableOnly = false });

        Assert.Equal(everything, availableOnly);
    }

    private static RecommendationService EaseService(IItemCatalog? catalog = null)
    {
        var artifact = new ModelArtifact(s_data.UserIds, s_data.ItemIds, s_data.History, s_data.Popularity, new EaseTrainer().Fit(s_data.History));
        return new RecommendationService(new FixedModelSource(ServingModels.Loaded(artifact)), ForgottenUserSet.None, catalog);
    }

    /// <summary>One list by the named strategy; "popular" asks for a user the model does not know.</summary>
    private static async Task<List<string>> ItemsAsync(RecommendationService service, string strategy, RecommendationRequest request)
    {
        var result = strategy switch
        {
            "user" => await service.GetForUserAsync(BusiestUser(), request),
            "session" => await service.ForSessionAsync([s_data.ItemIds[1], s_data.ItemIds[4], s_data.ItemIds[9]], request),
            "similar" => await service.SimilarItemsAsync(s_data.ItemIds[2], request),
            _ => await service.GetForUserAsync("stranger", request),
        };
        Assert.Equal(ServingStatus.Ok, result.Status);
        return [.. result.Value!.Items.Select(i => i.ItemId)];
    }

    private static string BusiestUser()
    {
        var best = 0;
        for (var u = 1; u < s_data.UserIds.Length; u++)
        {
            if (s_data.History.ItemsOf(u).Length > s_data.History.ItemsOf(best).Length)
            {
                best = u;
            }
        }

        return s_data.UserIds[best];
    }
}
