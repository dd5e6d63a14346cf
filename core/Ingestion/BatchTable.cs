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

    /// <summary>A row key for a blob name: escaped (table keys forbid <c>/ \ # ?</c>), hashed when too long.</summary>
    public static string UploadKey(string blobName) => TableKeys.Escape(blobName);

    public static string StatusText(BatchStatus status) => status switch
    {
        BatchStatus.Processed => "processed",
        BatchStatus.Duplicate => "duplicate",
        _ => "rejected",
    };

    public static BatchStatus ParseStatus(string? text) => text switch
    {
        "processed" => BatchStatus.Processed,
        "duplicate" => BatchStatus.Duplicate,
        _ => BatchStatus.Rejected,
    };

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
    };

    public static bool IsConflict(RequestFailedException ex) => ex.Status == 409;
}
