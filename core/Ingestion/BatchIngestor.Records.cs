using Azure;
using Azure.Data.Tables;

namespace Tailor.Ingestion;

public abstract partial class BatchIngestor
{
    /// <summary>Writes the batch record last. A record that appeared meanwhile wins if it says processed (this
    /// upload becomes a duplicate of it); a rejected one is replaced (content may be read again after a
    /// configuration change), guarded by its ETag.</summary>
    private async Task<BatchOutcome> RecordBatchAsync(BatchOutcome record, BatchOutcome? seen, long started, CancellationToken cancellationToken)
    {
        var entity = BatchTable.ToEntity(Kind.BatchPartition, record.BatchId, record);
        while (true)
        {
            try
            {
                if (seen is null)
                {
                    await storage.Batches.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var current = await storage.Batches.GetEntityIfExistsAsync<TableEntity>(
                        Kind.BatchPartition, record.BatchId, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (!current.HasValue)
                    {
                        seen = null;
                        continue;
                    }

                    var existing = BatchTable.FromEntity(current.Value!);
                    if (existing.Status == BatchStatus.Processed)
                    {
                        if (IsSameUpload(existing, record.BlobName))
                        {
                            LogAlreadyIngested(logger, record.BlobName, record.BatchId);
                            return Outcome(existing, started);
                        }

                        return await RecordDuplicateAsync(record.BlobName, record.BatchId, record.Bytes, started, existing, cancellationToken).ConfigureAwait(false);
                    }

                    await storage.Batches.UpdateEntityAsync(entity, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                break;
            }
            catch (RequestFailedException ex) when (IsConflict(ex) || ex.Status == 412)
            {
                seen = record; // someone recorded this batch meanwhile: look again
            }
        }

        await RecordUploadAsync(record, cancellationToken).ConfigureAwait(false);
        if (record.Status == BatchStatus.Processed)
        {
            LogProcessed(logger, record.BlobName, record.BatchId, record.Accepted, record.Quarantined, record.DuplicateRows);
        }
        else
        {
            LogRejected(logger, record.BlobName, record.BatchId, record.Reason ?? "");
        }

        return Outcome(record, started);
    }

    private async Task<BatchOutcome> RecordDuplicateAsync(string blobName, string batchId, long bytes, long started, BatchOutcome original, CancellationToken cancellationToken)
    {
        var reason = $"Same content as batch {batchId}, first uploaded as '{original.BlobName}'.";
        var record = new BatchOutcome(batchId, blobName, BatchStatus.Duplicate, 0, 0, 0, reason, original.ProcessedBlobName)
        {
            QuarantineBlobName = original.QuarantineBlobName,
            Bytes = bytes,
            Duration = timeProvider.GetElapsedTime(started),
            Kind = Kind.Name,
        };
        await RecordUploadAsync(record, cancellationToken).ConfigureAwait(false);
        LogDuplicate(logger, blobName, batchId, original.BlobName);
        return Outcome(record, started);
    }

    /// <summary>Records a blob refused before its content was read (no content hash: an id from its name) under its name.</summary>
    private async Task<BatchOutcome> RecordEarlyRejectionAsync(string blobName, long bytes, long started, string reason, CancellationToken cancellationToken)
    {
        var record = new BatchOutcome(BatchTable.NameId(Kind.UploadName(blobName)), blobName, BatchStatus.Rejected, 0, 0, 0, reason, null)
        {
            Bytes = bytes,
            Duration = timeProvider.GetElapsedTime(started),
            Kind = Kind.Name,
        };
        await RecordUploadAsync(record, cancellationToken).ConfigureAwait(false);
        LogRejected(logger, blobName, record.BatchId, reason);
        return Outcome(record, started);
    }

    /// <summary>Records the state this blob (by name) ended in, pointing at its batch: one entity per uploaded
    /// name (prefixed by the kind's container unless events) in partition <c>upload</c>, replaced when the name is uploaded again.</summary>
    private Task RecordUploadAsync(BatchOutcome record, CancellationToken cancellationToken) =>
        storage.Batches.UpsertEntityAsync(
            BatchTable.ToEntity(BatchTable.UploadPartition, BatchTable.UploadKey(Kind.UploadName(record.BlobName)), record),
            TableUpdateMode.Replace, cancellationToken);
}
