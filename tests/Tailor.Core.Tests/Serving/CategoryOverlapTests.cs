using Tailor.Serving;

namespace Tailor.Tests.Serving;

public sealed class CategoryOverlapTests
{
    [Fact]
    public void Category_overlap_is_the_jaccard_index_of_the_items_categories()
    {
        var view = new ItemCatalogView(new Dictionary<string, CatalogItem>
        {
            ["a"] = new(["Drama", "News"]),
            ["b"] = new(["drama"]),
            ["c"] = new(["Comedy", "News", "Kids"]),
            ["d"] = new([]),
        });
        string[] ids = ["a", "b", "c", "d", "not-in-catalog"];

        var overlap = view.CategoryOverlapOf(ids);

        Assert.Equal(1f, overlap.Similarity(0, 0));
        Assert.Equal(0.5f, overlap.Similarity(0, 1));   // {drama} / {drama, news}, ignoring case
        Assert.Equal(0.25f, overlap.Similarity(0, 2));  // {news} / {drama, news, comedy, kids}
        Assert.Equal(overlap.Similarity(2, 0), overlap.Similarity(0, 2));
        Assert.Equal(0f, overlap.Similarity(1, 2));
        Assert.Equal(0f, overlap.Similarity(0, 3));
        Assert.Equal(0f, overlap.Similarity(3, 4));
    }
}
