namespace Tailor.Serving;

/// <summary>What serving needs to know about one catalog item.</summary>
public sealed record CatalogItem(IReadOnlyList<string> Categories, bool Available = true);

/// <summary>An immutable snapshot of the catalog as serving reads it: categories and availability by item id.
/// Items the catalog does not list are available and belong to no category. Categories compare ordinally.</summary>
public sealed class ItemCatalogView(IReadOnlyDictionary<string, CatalogItem> items)
{
    public int Count => items.Count;

    public bool IsAvailable(string itemId) => !items.TryGetValue(itemId, out var item) || item.Available;

    /// <summary>Whether the item belongs to at least one of <paramref name="categories"/>.</summary>
    public bool InAnyCategory(string itemId, IReadOnlyList<string> categories)
    {
        if (!items.TryGetValue(itemId, out var item))
        {
            return false;
        }

        foreach (var category in item.Categories)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                if (string.Equals(category, categories[c], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
