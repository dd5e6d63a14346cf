using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Catalog;

/// <summary>
/// Merges every processed catalog batch into one catalog blob: batches in the order they were recorded (the
/// batch record's time; the content hash breaks ties), each item taken from the latest batch that has it (an
/// upsert by item id). Unavailable items stay in the merged file, marked, so that readers know them but hide
/// them. Written in the catalog Parquet layout into the snapshots container; training writes one per run
/// next to its interaction snapshot, and the manifest names it.
/// </summary>
public sealed partial class CatalogSnapshot(TailorStorage storage, ILogger<CatalogSnapshot> logger)
{
    /// <summary>Builds the merged catalog and writes it to <paramref name="blobName"/> in the snapshots container;
    /// null (and no blob) when no catalog batch was processed.</summary>
    public async Task<CatalogSnapshotInfo?> WriteAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var (items, batches) = await MergeAsync(cancellationToken).ConfigureAwait(false);
        if (batches == 0)
        {
            return null;
        }

        var blob = storage.Snapshots.GetBlobClient(blobName);
        var scratch = TemporaryFile.Create(".parquet");
        await using (scratch.ConfigureAwait(false))
        {
            await CatalogParquet.WriteAsync(scratch, items, cancellationToken).ConfigureAwait(false);
            scratch.Position = 0;
            await blob.UploadAsync(scratch, overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        var available = items.Count(i => i.Available);
        LogWritten(logger, blobName, batches, items.Count, available);
        return new CatalogSnapshotInfo(blobName, items.Count, available, batches);
    }

    /// <summary>The merged items (by item id, in first-seen order) and how many batches they came from.</summary>
    public async Task<(IReadOnlyList<CatalogItem> Items, int Batches)> MergeAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BatchKind.Catalog.BatchPartition} and Status eq {BatchTable.StatusText(BatchStatus.Processed)}");
        var batches = new List<BatchOutcome>();
        await foreach (var entity in BatchTable.QueryOrEmptyAsync(storage.Batches, filter, cancellationToken).ConfigureAwait(false))
        {
            batches.Add(BatchTable.FromEntity(entity));
        }

        batches.Sort((a, b) => Nullable.Compare(a.RecordedAt, b.RecordedAt) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.BatchId, b.BatchId));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new List<CatalogItem>();
        foreach (var batch in batches)
        {
            foreach (var item in await ReadBatchAsync(batch.ProcessedBlobName!, cancellationToken).ConfigureAwait(false))
            {
                if (index.TryGetValue(item.ItemId, out var at))
                {
                    merged[at] = item;
                }
                else
                {
                    index[item.ItemId] = merged.Count;
                    merged.Add(item);
                }
            }
        }

        return (merged, batches.Count);
    }

    private async Task<List<CatalogItem>> ReadBatchAsync(string processedBlobName, CancellationToken cancellationToken)
    {
        var stream = await storage.Processed.GetBlobClient(processedBlobName)
            .OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024 }, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await CatalogParquet.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog snapshot {BlobName}: {Batches} batches, {Items} items, {Available} available")]
    private static partial void LogWritten(ILogger logger, string blobName, int batches, int items, int available);
}
