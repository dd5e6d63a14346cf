using Tailor.Events;
using Tailor.Events.Reading;
using Tailor.Ingestion;

namespace Tailor.Catalog;

/// <summary>Parses one catalog file into scratch outputs: its items (one per id, the file's last row for an id
/// winning; earlier rows counted as duplicate rows) into Parquet, bad rows into quarantine JSON Lines. The
/// items of one file are held in memory until the end, because an attribute is a column whose values are
/// numbers in every row, known only then.</summary>
internal static class CatalogBatchParser
{
    public static async Task<ParsedBatch> ParseAsync(Stream content, EventFileFormat format, EventOptions options, CancellationToken cancellationToken)
    {
        ParsedBatch batch;
        try
        {
            batch = new ParsedBatch(TemporaryFile.Create(".parquet"), TemporaryFile.Create(".jsonl"));
        }
        catch
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await ParseIntoAsync(content, format, options, batch, cancellationToken).ConfigureAwait(false);
            return batch;
        }
        catch
        {
            await batch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ParseIntoAsync(Stream content, EventFileFormat format, EventOptions options, ParsedBatch batch, CancellationToken cancellationToken)
    {
        var validator = new CatalogRowValidator();
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordered = new List<CatalogItem>();
        var quarantine = new QuarantineWriter(batch.Quarantine);
        await using (quarantine.ConfigureAwait(false))
        {
            try
            {
                var reader = await RowReader<CatalogItem>.OpenAsync(content, format, validator, options.MaxUncompressedBytes, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var chunk = new RowChunk<CatalogItem>();
                    while (await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
                    {
                        batch.Rows += chunk.RowsRead;
                        foreach (var item in chunk.Accepted)
                        {
                            if (items.TryGetValue(item.ItemId, out var index))
                            {
                                batch.DuplicateRows++;
                                ordered[index] = item;
                            }
                            else
                            {
                                items[item.ItemId] = ordered.Count;
                                ordered.Add(item);
                            }
                        }

                        foreach (var rejection in chunk.Rejected)
                        {
                            batch.Quarantined++;
                            await quarantine.AddAsync(rejection, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (EventFileRejectedException ex)
            {
                batch.RejectionReason = ex.Reason;
                return;
            }

            batch.RejectionReason = EventFile.BadRowsReason(batch.Rows, batch.Quarantined, options);
            if (batch.RejectionReason is not null)
            {
                return;
            }

            batch.Accepted = ordered.Count;
            var dropped = validator.NonNumericColumns;
            var written = dropped.Count == 0 ? ordered : [.. ordered.Select(i => WithoutAttributes(i, dropped))];
            await CatalogParquet.WriteAsync(batch.Processed, written, cancellationToken).ConfigureAwait(false);
            await batch.Processed.FlushAsync(cancellationToken).ConfigureAwait(false);
            await quarantine.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static CatalogItem WithoutAttributes(CatalogItem item, IReadOnlySet<string> dropped) =>
        item.Attributes.Keys.Any(dropped.Contains)
            ? item with { Attributes = item.Attributes.Where(a => !dropped.Contains(a.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase) }
            : item;
}
