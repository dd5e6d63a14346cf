using Tailor.Catalog;
using Tailor.Content;
using Tailor.Training.Ease;

namespace Tailor.Tests.Content;

public sealed class CatalogContentTests
{
    private static readonly DateTimeOffset s_day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cold_items_are_the_available_catalog_items_the_model_lacks_and_the_newest_are_kept_under_the_cap()
    {
        var data = new TasteCatalog(11, users: 100, items: 60);
        var model = new EaseTrainer(new EaseOptions(Lambda: 50f)).Fit(data.Matrix);
        List<CatalogItem> catalog = [.. data.Catalog];
        for (var j = 0; j < 5; j++)
        {
            catalog.Add(new CatalogItem($"cold{j}", "style0 thing", ["cat0"], ["style0"], true, s_day.AddDays(j), null, new Dictionary<string, double>()));
        }

        catalog.Add(new CatalogItem("hidden", "style0 thing", ["cat0"], ["style0"], false, s_day.AddDays(10), null, new Dictionary<string, double>()));

        var content = CatalogContent.Build(model, data.ItemIds, ItemCatalog.From(catalog), ContentSettings.Default with { MaxColdItems = 3 });

        Assert.Equal(["cold4", "cold3", "cold2"], content.ColdIds);
        Assert.False(content.TryGetCold("hidden", out _));
        Assert.Equal(3, content.Mapping!.ColdCount);
        Assert.Equal([s_day.AddDays(4), s_day.AddDays(3), s_day.AddDays(2)], content.Dated.Select(d => d.Created));
    }
}
