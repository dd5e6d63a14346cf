using System.Numerics.Tensors;
using Tailor.Catalog;
using Tailor.Content;

namespace Tailor.Tests.Content;

public sealed class ContentFeaturesTests
{
    private static CatalogItem Item(string id, string? title, string[] categories, string[] tags, double? price = null) =>
        new(id, title, categories, tags, true, null, null, price is { } p ? new Dictionary<string, double> { ["price"] = p } : new Dictionary<string, double>());

    [Fact]
    public void Rows_are_unit_length_and_an_item_without_content_is_all_zeros()
    {
        CatalogItem[] items = [Item("a", "Red shoe", ["fashion"], ["red"], 10), Item("b", null, [], []), Item("c", "Blue shoe", ["fashion", "Sports"], ["blue"], 30)];

        var features = ContentFeatures.Describe(items, ContentSettings.Default);

        Assert.Equal(3, features.Count);
        Assert.Equal(1f, TensorPrimitives.Norm(features.RowOf(0)), 1e-5f);
        Assert.Equal(0f, TensorPrimitives.Norm(features.RowOf(1)));
        Assert.Equal(1f, TensorPrimitives.Norm(features.RowOf(2)), 1e-5f);
    }

    [Fact]
    public void Items_sharing_category_tags_and_title_words_are_closer_than_items_sharing_nothing()
    {
        CatalogItem[] items =
        [
            Item("a", "Trail running shoe", ["sports"], ["running", "outdoor"]),
            Item("b", "Road running shoe", ["sports"], ["running"]),
            Item("c", "Garden hose", ["garden"], ["water"]),
        ];

        var features = ContentFeatures.Describe(items, ContentSettings.Default);

        var near = TensorPrimitives.Dot(features.RowOf(0), features.RowOf(1));
        var far = TensorPrimitives.Dot(features.RowOf(0), features.RowOf(2));
        Assert.True(near > 0.5f, $"near {near}");
        Assert.Equal(0f, far, 1e-6f);
    }

    [Fact]
    public void Categories_compare_ignoring_case_and_numbers_in_titles_are_not_words()
    {
        CatalogItem[] items = [Item("a", "Item 17", ["Books"], []), Item("b", "Item 18", ["books"], [])];

        var features = ContentFeatures.Describe(items, ContentSettings.Default);

        Assert.Equal(1f, TensorPrimitives.Dot(features.RowOf(0), features.RowOf(1)), 1e-5f);
    }
}
