using Azure;
using Azure.Data.Tables;

namespace Tailor.Ingestion;

/// <summary>How batch records map onto table entities, and the keys used.</summary>
internal static class BatchTable
{
    public const string BatchPartition = "batch";
    public const string UploadPartition = "upload";

    /// <summary>Filter for every batch recorded as processed.</summary>
    public const string ProcessedFilter = "PartitionKey eq 'batch' and Status eq 'processed'";

    /// <summary>A row key for a blob name: escaped (table keys forbid <c>/ \ # ?</c>), hashed when too long.</summary>
    public static string UploadKey(string blobName)
    {
        var escaped = Uri.EscapeDataString(blobName);
        return escaped.Length <= 512
            ? escaped
            : "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(blobName)));
    }

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

    public static TableEntity ToEntity(string partitionKey, string rowKey, BatchRecord record) => new(partitionKey, rowKey)
    {
        ["BatchId"] = record.BatchId,
        ["BlobName"] = record.BlobName,
        ["Status"] = StatusText(record.Status),
        ["Accepted"] = record.Accepted,
        ["Quarantined"] = record.Quarantined,
        ["DuplicateRows"] = record.DuplicateRows,
        ["Reason"] = record.Reason,
        ["Bytes"] = record.Bytes,
        ["DurationMs"] = record.DurationMs,
        ["ProcessedBlobName"] = record.ProcessedBlobName,
        ["QuarantineBlobName"] = record.QuarantineBlobName,
        ["MinTimestamp"] = record.MinTimestamp,
        ["MaxTimestamp"] = record.MaxTimestamp,
    };

    public static BatchRecord FromEntity(TableEntity entity) => new(
        entity.GetString("BatchId") ?? entity.RowKey,
        entity.GetString("BlobName") ?? "",
        ParseStatus(entity.GetString("Status")),
        entity.GetInt64("Accepted") ?? 0,
        entity.GetInt64("Quarantined") ?? 0,
        entity.GetInt64("DuplicateRows") ?? 0,
        entity.GetString("Reason"),
        entity.GetInt64("Bytes") ?? 0,
        entity.GetInt64("DurationMs") ?? 0,
        entity.GetString("ProcessedBlobName"),
        entity.GetString("QuarantineBlobName"),
        entity.GetDateTimeOffset("MinTimestamp"),
        entity.GetDateTimeOffset("MaxTimestamp"))
    {
        RecordedAt = entity.Timestamp,
    };

    public static bool IsConflict(RequestFailedException ex) => ex.Status == 409;
}
