using Azure;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Catalog;

/// <summary>
/// The item catalog as serving and training read it: immutable, in memory, loaded in one sequential read of a
/// merged catalog blob (<see cref="CatalogSnapshot"/>; the model's manifest names the one it was trained with).
/// <list type="bullet">
/// <item><see cref="TryGet"/>: an item's title, categories, tags, attributes — unavailable items included.</item>
/// <item><see cref="IsAvailable"/>: false only for an item the catalog marks unavailable; an item the catalog does
/// not know is available (events may name items before the catalog does). Serving filters candidates with it.</item>
/// <item><see cref="ItemsIn"/>: the available items of a category (case-insensitive), for category filters.</item>
/// </list>
/// Thread-safe for reads. <see cref="Empty"/> stands in when no catalog was uploaded.
/// </summary>
public sealed class ItemCatalog
{
    private readonly Dictionary<string, CatalogItem> _items;
    private readonly Dictionary<string, string[]> _byCategory;

    private ItemCatalog(IReadOnlyList<CatalogItem> items)
    {
        _items = new Dictionary<string, CatalogItem>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            _items[item.ItemId] = item;
        }

        _byCategory = _items.Values
            .Where(i => i.Available)
            .SelectMany(i => i.Categories.Select(c => (Category: c, i.ItemId)))
            .GroupBy(p => p.Category, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.ItemId).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase);
        AvailableCount = _items.Values.Count(i => i.Available);
    }

    /// <summary>A catalog that knows no item (every item available, no categories).</summary>
    public static ItemCatalog Empty { get; } = new([]);

    /// <summary>Items known, unavailable ones included.</summary>
    public int Count => _items.Count;

    public int AvailableCount { get; }

    /// <summary>Every category of an available item (as first spelled).</summary>
    public IReadOnlyCollection<string> Categories => _byCategory.Keys;

    /// <summary>Every item known, unavailable ones included.</summary>
    public IEnumerable<CatalogItem> Items => _items.Values;

    public static ItemCatalog From(IReadOnlyList<CatalogItem> items) => new(items);

    /// <summary>The item with this id, available or not; false when the catalog does not know it.</summary>
    public bool TryGet(string itemId, out CatalogItem item) => _items.TryGetValue(itemId, out item!);

    /// <summary>False only when the catalog marks the item unavailable.</summary>
    public bool IsAvailable(string itemId) => !_items.TryGetValue(itemId, out var item) || item.Available;

    /// <summary>The available items in <paramref name="category"/> (case-insensitive); empty for an unknown one.</summary>
    public IReadOnlyList<string> ItemsIn(string category) => _byCategory.TryGetValue(category, out var items) ? items : [];

    /// <summary>Whether the item is in <paramref name="category"/> (case-insensitive); false for unknown items.</summary>
    public bool IsIn(string itemId, string category) =>
        _items.TryGetValue(itemId, out var item) && item.Categories.Any(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a merged catalog (Parquet, seekable) from a stream.</summary>
    public static async Task<ItemCatalog> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        new(await CatalogParquet.ReadAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>Loads the merged catalog <paramref name="blobName"/> from the snapshots container (as a manifest's
    /// <c>Catalog.BlobName</c> names it); <see cref="Empty"/> when the blob does not exist.</summary>
    public static async Task<ItemCatalog> LoadAsync(TailorStorage storage, string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            var stream = await storage.Snapshots.GetBlobClient(blobName)
                .OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024 }, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Empty;
        }
    }
}
