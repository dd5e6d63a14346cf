using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Parquet;
using Tailor.Events;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>Reads what ingestion produced: the batches recorded as processed, and their events streamed
/// back from Parquet row group by row group (a batch written before <c>recommendation_id</c> existed reads with no ids).</summary>
public sealed class ProcessedEventReader(TailorStorage storage)
{
    /// <summary>Every batch recorded as processed (duplicates and rejected blobs are left out).</summary>
    public async IAsyncEnumerable<BatchOutcome> ListProcessedBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in BatchTable.QueryOrEmptyAsync(storage.Batches, BatchTable.ProcessedFilter, cancellationToken).ConfigureAwait(false))
        {
            yield return BatchTable.FromEntity(entity);
        }
    }

    /// <summary>Whether any batch was recorded as processed (false on fresh storage).</summary>
    public async Task<bool> AnyProcessedAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    /// <summary>The state an uploaded blob ended in (processed, duplicate or rejected), by its name in the
    /// events container; null when it has not been ingested.</summary>
    public async Task<BatchOutcome?> FindUploadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var found = await storage.Batches.GetEntityIfExistsAsync<TableEntity>(
            BatchTable.UploadPartition, BatchTable.UploadKey(blobName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? BatchTable.FromEntity(found.Value!) : null;
    }

    /// <summary>Streams the events of one processed Parquet blob (a name from <see cref="BatchOutcome.ProcessedBlobName"/>).</summary>
    public async IAsyncEnumerable<InteractionEvent> ReadBatchAsync(string processedBlobName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var blob = storage.Processed.GetBlobClient(processedBlobName);
        var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024 }, cancellationToken)
            .ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var evt in ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }
        }
    }

    /// <summary>Streams events from a processed Parquet stream (seekable).</summary>
    internal static async IAsyncEnumerable<InteractionEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            var hasRecommendations = reader.Schema.DataFields.Any(f => f.Path.Length == 1 && f.Name == ProcessedEventSchema.RecommendationId.Name);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                string?[] users, items, kinds;
                string?[]? recommendations = null;
                double?[] values;
                float[] weights;
                DateTime[] timestamps;
                int rows;
                using (var group = reader.OpenRowGroupReader(g))
                {
                    rows = checked((int)group.RowCount);
                    users = new string?[rows];
                    items = new string?[rows];
                    kinds = new string?[rows];
                    values = new double?[rows];
                    weights = new float[rows];
                    timestamps = new DateTime[rows];
                    await group.ReadAsync(ProcessedEventSchema.UserId, users.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    await group.ReadAsync(ProcessedEventSchema.ItemId, items.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    await group.ReadAsync(ProcessedEventSchema.EventType, kinds.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    await group.ReadAsync(ProcessedEventSchema.Value, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    await group.ReadAsync(ProcessedEventSchema.Weight, weights.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    await group.ReadAsync(ProcessedEventSchema.Timestamp, timestamps.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    if (hasRecommendations)
                    {
                        recommendations = new string?[rows];
                        await group.ReadAsync(ProcessedEventSchema.RecommendationId, recommendations.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    }
                }

                for (var i = 0; i < rows; i++)
                {
                    var kind = kinds[i] ?? "";
                    if (!types.TryGetValue(kind, out var shared))
                    {
                        types[kind] = shared = kind;
                    }

                    yield return new InteractionEvent(users[i] ?? "", items[i] ?? "", shared, values[i], weights[i],
                        new DateTimeOffset(DateTime.SpecifyKind(timestamps[i], DateTimeKind.Utc)), recommendations?[i]);
                }
            }
        }
    }
}
