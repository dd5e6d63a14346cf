using Azure.Data.Tables;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>The state every uploaded blob ended in, as recorded (one record per blob name), for the
/// <c>GET batches</c> listing and for retries.</summary>
public sealed class BatchHistory(TailorStorage storage)
{
    /// <summary>At most this many records are listed, newest first.</summary>
    public const int MaxListed = 1000;

    /// <summary>Uploads, newest first, optionally only those in <paramref name="status"/> and recorded at or after
    /// <paramref name="since"/>; empty on fresh storage.</summary>
    public async Task<IReadOnlyList<BatchOutcome>> ListAsync(BatchStatus? status, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BatchTable.UploadPartition}");
        if (status is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {BatchTable.StatusText(wanted)}");
        }

        if (since is { } from)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {from}");
        }

        var records = new List<BatchOutcome>();
        await foreach (var entity in BatchTable.QueryOrEmptyAsync(storage.Batches, filter, cancellationToken).ConfigureAwait(false))
        {
            records.Add(BatchTable.FromEntity(entity));
        }

        records.Sort((a, b) => Nullable.Compare(b.RecordedAt, a.RecordedAt));
        return records.Count <= MaxListed ? records : records[..MaxListed];
    }

    /// <summary>The record a batch id names: the content batch for a content hash, else the upload that carries
    /// the id (a name id); null when none does.</summary>
    public async Task<BatchOutcome?> FindAsync(string batchId, CancellationToken cancellationToken = default)
    {
        try
        {
            var batch = await storage.Batches.GetEntityIfExistsAsync<TableEntity>(BatchTable.BatchPartition, TableKeys.Escape(batchId), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (batch.HasValue)
            {
                return BatchTable.FromEntity(batch.Value!);
            }
        }
        catch (Azure.RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex))
        {
            return null;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BatchTable.UploadPartition} and BatchId eq {batchId}");
        await foreach (var entity in BatchTable.QueryOrEmptyAsync(storage.Batches, filter, cancellationToken).ConfigureAwait(false))
        {
            return BatchTable.FromEntity(entity);
        }

        return null;
    }
}
