using Tailor.Catalog;
using Tailor.Training;

namespace Tailor.Content;

/// <summary>One item of a model's catalog that may take a fresh slot: its creation time and where its score comes
/// from — the model (<see cref="WarmIndex"/> ≥ 0) or the content mapping (<see cref="ColdIndex"/> ≥ 0).</summary>
public readonly record struct DatedItem(DateTimeOffset Created, int WarmIndex, int ColdIndex);

/// <summary>
/// A model's catalog seen by content: the cold items (available catalog items the model has no index for), the
/// <see cref="ContentMapping"/> that scores them from the warm items, and the available items with a creation
/// time, newest first (for fresh slots). Built once per model and catalog — by serving when it loads either, so an
/// item uploaded to the catalog after training is served without retraining.
/// </summary>
public sealed class CatalogContent
{
    private readonly Dictionary<string, int> _coldIndex;

    private readonly IReadOnlyList<string>[] _coldCategories;

    private CatalogContent(string[] coldIds, IReadOnlyList<string>[] coldCategories, ContentMapping? mapping, DatedItem[] dated)
    {
        ColdIds = coldIds;
        _coldCategories = coldCategories;
        Mapping = mapping;
        Dated = dated;
        _coldIndex = new Dictionary<string, int>(coldIds.Length, StringComparer.Ordinal);
        for (var c = 0; c < coldIds.Length; c++)
        {
            _coldIndex[coldIds[c]] = c;
        }
    }

    /// <summary>Ids of the cold items, by cold index.</summary>
    public IReadOnlyList<string> ColdIds { get; }

    /// <summary>The mapping onto the model's items; null when the catalog has no cold item.</summary>
    public ContentMapping? Mapping { get; }

    /// <summary>Available items with a known creation time, newest first (cold ones only among the <see cref="ContentSettings.MaxColdItems"/> mapped).</summary>
    public IReadOnlyList<DatedItem> Dated { get; }

    public bool TryGetCold(string itemId, out int cold) => _coldIndex.TryGetValue(itemId, out cold);

    /// <summary>Whether cold item <paramref name="cold"/> is in one of <paramref name="categories"/> (case-insensitive).</summary>
    public bool ColdIsIn(int cold, IReadOnlyList<string> categories)
    {
        foreach (var category in _coldCategories[cold])
        {
            foreach (var wanted in categories)
            {
                if (string.Equals(category, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static CatalogContent Build(
        IRecommender model, string[] itemIds, ItemCatalog catalog, ContentSettings settings, ITextEmbedder? embedder = null,
        CancellationToken cancellationToken = default)
    {
        var warmIndex = new Dictionary<string, int>(itemIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < itemIds.Length; i++)
        {
            warmIndex.TryAdd(itemIds[i], i);
        }

        // Newest first, so the cold items kept under MaxColdItems are the newest.
        var described = catalog.Items.OrderByDescending(i => i.Created ?? DateTimeOffset.MinValue).ThenBy(i => i.ItemId, StringComparer.Ordinal).ToArray();
        var coldRows = new List<int>();
        var dated = new List<DatedItem>();
        for (var r = 0; r < described.Length; r++)
        {
            var item = described[r];
            var isWarm = warmIndex.TryGetValue(item.ItemId, out var warm);
            var isCold = !isWarm && item.Available && coldRows.Count < settings.MaxColdItems;
            if (isCold)
            {
                coldRows.Add(r);
            }

            if (item.Available && item.Created is { } created && (isWarm || isCold))
            {
                dated.Add(new DatedItem(created, isWarm ? warm : -1, isWarm ? -1 : coldRows.Count - 1));
            }
        }

        var coldIds = coldRows.Select(r => described[r].ItemId).ToArray();
        var coldCategories = coldRows.Select(r => described[r].Categories).ToArray();
        if (coldRows.Count == 0)
        {
            return new CatalogContent(coldIds, coldCategories, null, [.. dated]);
        }

        var features = ContentFeatures.Describe(described, settings, embedder, cancellationToken);
        var d = features.Dimension;
        var warmValues = new float[itemIds.Length * d];
        for (var r = 0; r < described.Length; r++)
        {
            if (warmIndex.TryGetValue(described[r].ItemId, out var warm))
            {
                features.RowOf(r).CopyTo(warmValues.AsSpan(warm * d, d));
            }
        }

        var coldValues = new float[coldRows.Count * d];
        for (var c = 0; c < coldRows.Count; c++)
        {
            features.RowOf(coldRows[c]).CopyTo(coldValues.AsSpan(c * d, d));
        }

        var mapping = ContentMapping.Learn(
            model, new ContentMatrix(itemIds.Length, d, warmValues), new ContentMatrix(coldRows.Count, d, coldValues), settings);
        return new CatalogContent(coldIds, coldCategories, mapping, [.. dated]);
    }
}
