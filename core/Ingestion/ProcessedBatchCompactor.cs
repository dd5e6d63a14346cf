using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Parquet;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>
/// Rewrites processed event batches without some users' rows (erasure). A batch is first scanned on its
/// <c>user_id</c> column only; a batch that holds none of the users is left untouched. One that does is rewritten
/// through a scratch file and uploaded over the old blob only if it did not change meanwhile (ETag), and its batch
/// record then counts the rows removed (<see cref="BatchOutcome.ErasedRows"/>; <see cref="BatchOutcome.Accepted"/>
/// stays what ingestion accepted). Running it again finds nothing to remove, so it is safe to repeat after a crash.
/// </summary>
public sealed class ProcessedBatchCompactor(TailorStorage storage, ProcessedEventReader reader)
{
    /// <summary>Every processed events batch.</summary>
    public IAsyncEnumerable<BatchOutcome> ListBatchesAsync(CancellationToken cancellationToken = default) =>
        reader.ListProcessedBatchesAsync(cancellationToken);

    /// <summary>Removes the rows of <paramref name="users"/> from one batch; counts per user and bytes moved.</summary>
    public async Task<BatchCompaction> RemoveUsersAsync(BatchOutcome batch, IReadOnlySet<string> users, CancellationToken cancellationToken = default)
    {
        var blob = storage.Processed.GetBlobClient(batch.ProcessedBlobName);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var etag = properties.Value.ETag;
        var size = properties.Value.ContentLength;
        var readOptions = new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = 4 * 1024 * 1024,
            Conditions = new BlobRequestConditions { IfMatch = etag },
        };

        // First pass: the user column only.
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        var source = await blob.OpenReadAsync(readOptions, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await CountAsync(source, users, removed, cancellationToken).ConfigureAwait(false);
        }

        if (removed.Count == 0)
        {
            return new BatchCompaction(batch.BatchId, removed, size, 0);
        }

        long written;
        await using (var scratch = TemporaryFile.Create(".parquet"))
        {
            var again = await blob.OpenReadAsync(readOptions, cancellationToken).ConfigureAwait(false);
            await using (again.ConfigureAwait(false))
            {
                var writer = new ProcessedEventWriter(scratch);
                await foreach (var e in ProcessedEventReader.ReadAsync(again, cancellationToken).ConfigureAwait(false))
                {
                    if (!users.Contains(e.UserId))
                    {
                        await writer.AddAsync(e, cancellationToken).ConfigureAwait(false);
                    }
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            written = scratch.Length;
            scratch.Position = 0;
            await blob.UploadAsync(scratch, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfMatch = etag },
                HttpHeaders = new BlobHttpHeaders { ContentType = properties.Value.ContentType },
            }, cancellationToken).ConfigureAwait(false);
        }

        var rows = removed.Values.Sum();
        await RecordAsync(batch.BatchId, rows, cancellationToken).ConfigureAwait(false);
        return new BatchCompaction(batch.BatchId, removed, size * 2, written);
    }

    private static async Task CountAsync(Stream stream, IReadOnlySet<string> users, Dictionary<string, long> removed, CancellationToken cancellationToken)
    {
        var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (parquet.ConfigureAwait(false))
        {
            for (var g = 0; g < parquet.RowGroupCount; g++)
            {
                using var group = parquet.OpenRowGroupReader(g);
                var ids = new string?[checked((int)group.RowCount)];
                await group.ReadAsync(ProcessedEventSchema.UserId, ids.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                foreach (var id in ids)
                {
                    if (id is not null && users.Contains(id))
                    {
                        removed[id] = removed.GetValueOrDefault(id) + 1;
                    }
                }
            }
        }
    }

    /// <summary>Adds to the record's erased rows (optimistic, retried on a race).</summary>
    private async Task RecordAsync(string batchId, long rows, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entity = (await storage.Batches.GetEntityAsync<TableEntity>(BatchTable.BatchPartition, batchId, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Value;
            var update = new TableEntity(BatchTable.BatchPartition, batchId)
            {
                ["ErasedRows"] = (entity.GetInt64("ErasedRows") ?? 0) + rows,
            };
            try
            {
                await storage.Batches.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 5)
            {
                // Changed meanwhile: read it again.
            }
        }
    }
}

/// <summary>What compacting one batch removed: rows per user, bytes read and bytes written.</summary>
public sealed record BatchCompaction(string BatchId, IReadOnlyDictionary<string, long> RemovedByUser, long BytesRead, long BytesWritten);
