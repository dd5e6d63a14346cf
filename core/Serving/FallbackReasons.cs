namespace Tailor.Serving;

/// <summary>The short reason each item of a fallback list gives when a request asks to explain: <c>new in Comedy</c> for an
/// item the catalog says was created recently, <c>trending in Drama</c> for the trending list, <c>popular in Drama</c> for
/// the popular one. The category is the first requested category the item is in, else its main (first listed) one;
/// without a catalog or categories the reason is <c>new</c>, <c>trending</c> or <c>popular overall</c>. Items found for a
/// cold item by content say <c>similar content in Drama</c>.</summary>
internal static class FallbackReasons
{
    public const string PopularOverall = "popular overall";

    public const string Trending = "trending";

    public const string New = "new";

    /// <summary>Items found for a cold item by its content (strategy <c>content</c>).</summary>
    public const string Content = "similar content";

    public static ScoredItem[] Explain(
        LoadedModel model, RankedItem[] ranked, string strategy, RecommendationRequest request, CatalogProjection? catalog, long? newSinceUnixMilliseconds)
    {
        var requested = Requested(catalog, request.Categories);
        var ids = model.Artifact.ItemIds;
        var items = new ScoredItem[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            var reason = For(ranked[i].Index, strategy, catalog, requested, newSinceUnixMilliseconds);
            items[i] = new ScoredItem(ids[ranked[i].Index], ranked[i].Score) { Because = [], Reason = reason };
        }

        return items;
    }

    /// <summary>The reason of one item (see the type's summary).</summary>
    public static string For(int item, string strategy, CatalogProjection? catalog, ReadOnlySpan<int> requested, long? newSinceUnixMilliseconds)
    {
        var category = catalog is null ? null : CategoryOf(item, catalog, requested);
        var isNew = catalog is not null && newSinceUnixMilliseconds is { } since && catalog.CreatedOf(item) is { } created && created >= since;
        var (label, alone) = strategy == RecommendationStrategy.Content ? (Content, Content)
            : isNew ? (New, New)
            : strategy == RecommendationStrategy.Trending ? (Trending, Trending)
            : ("popular", PopularOverall);
        return category is null ? alone : $"{label} in {category}";
    }

    private static string? CategoryOf(int item, CatalogProjection catalog, ReadOnlySpan<int> requested)
    {
        var categories = catalog.CategoriesOf(item);
        foreach (var wanted in requested)
        {
            if (categories.Contains(wanted))
            {
                return catalog.CategoryName(wanted);
            }
        }

        return categories.IsEmpty ? null : catalog.CategoryName(categories[0]);
    }

    /// <summary>The catalog's numbers of the requested categories, in the request's order (unknown names left out).</summary>
    private static int[] Requested(CatalogProjection? catalog, IReadOnlyList<string> names)
    {
        if (catalog is null || names.Count == 0)
        {
            return [];
        }

        var numbers = new List<int>(names.Count);
        foreach (var name in names)
        {
            if (catalog.TryGetNumber(name, out var number) && !numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        return [.. numbers];
    }
}
