using Azure;
using Azure.Data.Tables;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>How a <see cref="BatchOutcome"/> maps onto a table entity, and the keys used.</summary>
internal static class BatchTable
{
    public const string BatchPartition = "batch";
    public const string UploadPartition = "upload";

    /// <summary>Filter for every batch recorded as processed.</summary>
    public const string ProcessedFilter = "PartitionKey eq 'batch' and Status eq 'processed'";

    /// <summary>The id of an upload that has no content hash (refused before it was read, or failed): derived
    /// from the blob name, so that it can be looked up and retried like a batch.</summary>
    public static string NameId(string blobName) =>
        "name-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(blobName)))[..40];

    /// <summary>A row key for a blob name: escaped (table keys forbid <c>/ \ # ?</c>), hashed when too long.</summary>
    public static string UploadKey(string blobName) => TableKeys.Escape(blobName);

    /// <summary>The last error of a failing ingestion attempt, by escaped blob name; read into the failed record.</summary>
    public const string AttemptPartition = "attempt";

    public static string StatusText(BatchStatus status) => BatchStatusNames.Of(status);

    /// <summary>A stored status; anything unknown reads as rejected.</summary>
    public static BatchStatus ParseStatus(string? text) => BatchStatusNames.TryParse(text, out var status) ? status : BatchStatus.Rejected;

    /// <summary>The entities matching <paramref name="filter"/>; none when the table does not exist yet.</summary>
    public static async IAsyncEnumerable<TableEntity> QueryOrEmptyAsync(TableClient table, string filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var entities = table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (entities.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await entities.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex))
                {
                    yield break;
                }

                yield return entities.Current;
            }
        }
    }

    public static TableEntity ToEntity(string partitionKey, string rowKey, BatchOutcome record) => new(partitionKey, rowKey)
    {
        ["BatchId"] = record.BatchId,
        ["BlobName"] = record.BlobName,
        ["Status"] = StatusText(record.Status),
        ["Accepted"] = record.Accepted,
        ["Quarantined"] = record.Quarantined,
        ["DuplicateRows"] = record.DuplicateRows,
        ["Reason"] = record.Reason,
        ["Bytes"] = record.Bytes,
        ["DurationMs"] = (long)record.Duration.TotalMilliseconds,
        ["ProcessedBlobName"] = record.ProcessedBlobName,
        ["QuarantineBlobName"] = record.QuarantineBlobName,
        ["MinTimestamp"] = record.MinTimestamp,
        ["MaxTimestamp"] = record.MaxTimestamp,
        ["Kind"] = record.Kind,
        ["ErasedRows"] = record.ErasedRows,
    };

    public static BatchOutcome FromEntity(TableEntity entity) => new(
        entity.GetString("BatchId") ?? entity.RowKey,
        entity.GetString("BlobName") ?? "",
        ParseStatus(entity.GetString("Status")),
        entity.GetInt64("Accepted") ?? 0,
        entity.GetInt64("Quarantined") ?? 0,
        entity.GetInt64("DuplicateRows") ?? 0,
        entity.GetString("Reason"),
        entity.GetString("ProcessedBlobName"))
    {
        QuarantineBlobName = entity.GetString("QuarantineBlobName"),
        Bytes = entity.GetInt64("Bytes") ?? 0,
        Duration = TimeSpan.FromMilliseconds(entity.GetInt64("DurationMs") ?? 0),
        MinTimestamp = entity.GetDateTimeOffset("MinTimestamp"),
        MaxTimestamp = entity.GetDateTimeOffset("MaxTimestamp"),
        RecordedAt = entity.Timestamp,
        Kind = BatchKind.FromName(entity.GetString("Kind")).Name,
        ErasedRows = entity.GetInt64("ErasedRows") ?? 0,
    };

    public static bool IsConflict(RequestFailedException ex) => ex.Status == 409;
}
