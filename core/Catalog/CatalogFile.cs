using Tailor.Events;
using Tailor.Events.Reading;

namespace Tailor.Catalog;

/// <summary>A local catalog file read the way ingestion reads an upload (same columns, same row rules), for the
/// CLI's offline tools: the valid items, the last row of an id winning; bad rows are skipped.</summary>
public static class CatalogFile
{
    /// <summary>The file's valid items as a catalog (<c>tailor bench --catalog</c>).</summary>
    public static async Task<ItemCatalog> ReadAsync(string path, EventOptions? options = null, CancellationToken cancellationToken = default) =>
        ItemCatalog.From(await ReadValidAsync(path, options, cancellationToken).ConfigureAwait(false));

    public static async Task<IReadOnlyList<CatalogItem>> ReadValidAsync(string path, EventOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EventOptions();
        var format = EventFileFormat.FromName(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var validator = new CatalogRowValidator();
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordered = new List<CatalogItem>();
        var reader = await RowReader<CatalogItem>.OpenAsync(file, format, validator, options.MaxUncompressedBytes, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var chunk = new RowChunk<CatalogItem>();
            while (await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in chunk.Accepted)
                {
                    if (items.TryGetValue(item.ItemId, out var index))
                    {
                        ordered[index] = item;
                    }
                    else
                    {
                        items[item.ItemId] = ordered.Count;
                        ordered.Add(item);
                    }
                }
            }
        }

        var dropped = validator.NonNumericColumns;
        return dropped.Count == 0
            ? ordered
            : [.. ordered.Select(i => i with { Attributes = i.Attributes.Where(a => !dropped.Contains(a.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase) })];
    }
}
