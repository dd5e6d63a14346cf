using Microsoft.Extensions.Options;
using Tailor.Catalog;
using CatalogItem = Tailor.Catalog.CatalogItem;
using Tailor.Content;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Tests.Content;
using Tailor.Training.Ease;

namespace Tailor.Tests.Serving;

public sealed class ColdItemServingTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An EASE model on the taste data and a catalog that adds cold items: "new-a" styled like cat0/style0,
    /// "new-b" like cat1/style1 (both created yesterday), "old-a" like cat0/style0 but created 60 days ago.</summary>
    private static (LoadedModel Model, TasteCatalog Data) Serve()
    {
        var data = new TasteCatalog(7, users: 300, items: 300, perUser: 12);
        var model = new EaseTrainer(new EaseOptions(Lambda: 50f)).Fit(data.Matrix);
        var users = Enumerable.Range(0, data.Matrix.UserCount).Select(u => "u" + u).ToArray();
        var popularity = new float[data.Matrix.ItemCount];
        var artifact = new ModelArtifact(users, data.ItemIds, data.Matrix, popularity, model);
        List<CatalogItem> catalog =
        [
            .. data.Catalog,
            Cold("new-a", "cat0", "style0", s_now.AddDays(-1)),
            Cold("new-b", "cat1", "style1", s_now.AddDays(-1)),
            Cold("old-a", "cat0", "style0", s_now.AddDays(-60)),
        ];
        var items = ItemCatalog.From(catalog);
        var served = new ServedCatalog(ItemCatalogView.From(items), "catalog.parquet", null, 1, items);
        var content = CatalogContent.Build(model, data.ItemIds, items, ContentSettings.Default);
        var loaded = ServingModels.Loaded(artifact).WithCatalog(served, content);
        return (loaded, data);
    }

    private static CatalogItem Cold(string id, string category, string style, DateTimeOffset created) =>
        new(id, $"{style} thing", [category], [style], true, created, null, new Dictionary<string, double>());

    private static RecommendationService Service(LoadedModel model, ServingOptions? options = null) =>
        new(new FixedModelSource(model), ForgottenUserSet.None, new ModelItemCatalog(new FixedModelSource(model)),
            Options.Create(options ?? new ServingOptions()), new ManualTimeProvider(s_now));

    [Fact]
    public async Task Similar_items_of_a_cold_catalog_item_answer_by_content_with_items_of_its_category_and_style()
    {
        var (model, data) = Serve();

        var result = await Service(model).SimilarItemsAsync("new-a", 10);

        Assert.Equal(ServingStatus.Ok, result.Status);
        Assert.Equal(RecommendationStrategy.Content, result.Value!.Strategy);
        Assert.Equal(10, result.Value.Items.Count);
        var byId = data.Catalog.ToDictionary(i => i.ItemId);
        Assert.All(result.Value.Items, i => Assert.Equal("cat0", byId[i.ItemId].Categories[0]));
        Assert.All(result.Value.Items, i => Assert.Equal("style0", byId[i.ItemId].Tags[0]));
    }

    [Fact]
    public async Task Similar_items_of_an_item_neither_the_model_nor_the_catalog_knows_is_not_found()
    {
        var (model, _) = Serve();

        var result = await Service(model).SimilarItemsAsync("nobody-knows", 10);

        Assert.Equal(ServingStatus.NotFound, result.Status);
    }

    /// <summary>Users whose history is mostly one taste: the items they took, by taste.</summary>
    private static IEnumerable<int> UsersOf(TasteCatalog data, string category, string style)
    {
        var byId = data.Catalog.ToDictionary(i => i.ItemId);
        for (var u = 0; u < data.Matrix.UserCount; u++)
        {
            var items = data.Matrix.ItemsOf(u).ToArray();
            var share = items.Count(i => byId[data.ItemIds[i]].Categories[0] == category && byId[data.ItemIds[i]].Tags[0] == style) / (double)items.Length;
            if (share > 0.8)
            {
                yield return u;
            }
        }
    }

    [Fact]
    public async Task A_new_cold_item_of_a_users_taste_takes_the_last_slot_and_one_of_another_taste_does_not()
    {
        var (model, data) = Serve();
        var service = Service(model);
        var fans = UsersOf(data, "cat0", "style0").ToArray();
        Assert.NotEmpty(fans);

        foreach (var user in fans)
        {
            var items = (await service.GetForUserAsync("u" + user, 10)).Value!.Items;
            Assert.Equal(10, items.Count);
            Assert.Equal("new-a", items[^1].ItemId);
            Assert.Equal(RecommendationService.ColdFreshReason, items[^1].Reason);
            Assert.DoesNotContain(items, i => i.ItemId is "new-b" or "old-a");
        }
    }

    [Fact]
    public async Task No_slot_is_reserved_when_fresh_slots_are_off_or_the_floor_cannot_be_cleared()
    {
        var (model, data) = Serve();
        var user = "u" + UsersOf(data, "cat0", "style0").First();

        var off = (await Service(model, new ServingOptions { FreshItemSlots = 0 }).GetForUserAsync(user, 10)).Value!.Items;
        var tooHigh = (await Service(model, new ServingOptions { FreshItemScoreFloor = 1.0 }).GetForUserAsync(user, 10)).Value!.Items;

        Assert.DoesNotContain(off, i => i.ItemId.StartsWith("new-", StringComparison.Ordinal));
        Assert.DoesNotContain(tooHigh, i => i.ItemId.StartsWith("new-", StringComparison.Ordinal));
        Assert.Equal(off.Select(i => i.ItemId), tooHigh.Select(i => i.ItemId));
    }

    [Fact]
    public async Task Fresh_slots_apply_to_the_first_page_only()
    {
        var (model, data) = Serve();
        var user = "u" + UsersOf(data, "cat0", "style0").First();

        var second = (await Service(model).GetForUserAsync(user, RecommendationRequest.Top(10) with { Offset = 10 })).Value!.Items;

        Assert.DoesNotContain(second, i => i.ItemId.StartsWith("new-", StringComparison.Ordinal));
    }
}
