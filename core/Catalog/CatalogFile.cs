using Tailor.Events;
using Tailor.Events.Reading;

namespace Tailor.Catalog;

/// <summary>Reads a local catalog file (<c>.csv</c>, <c>.jsonl</c>, <c>.parquet</c>, each optionally <c>.gz</c>) the way
/// catalog ingestion reads a blob, for the CLI (<c>tailor bench --catalog</c>): valid rows only, the last row of an id winning.</summary>
public static class CatalogFile
{
    public static async Task<ItemCatalog> ReadAsync(string path, EventOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EventOptions();
        var format = EventFileFormat.FromName(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var items = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        var reader = await RowReader<CatalogItem>.OpenAsync(file, format, new CatalogRowValidator(), options.MaxUncompressedBytes, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var chunk = new RowChunk<CatalogItem>();
            while (await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in chunk.Accepted)
                {
                    items[item.ItemId] = item;
                }
            }
        }

        return ItemCatalog.From([.. items.Values]);
    }
}
