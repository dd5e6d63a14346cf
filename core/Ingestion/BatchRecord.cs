namespace Tailor.Ingestion;

/// <summary>A batch as recorded in the batches table. Partition <c>batch</c>, row key = batch id (content
/// hash): one record per distinct content, processed or rejected; readers trust only these. Partition
/// <c>upload</c>, row key = escaped blob name: the state each uploaded blob ended in (also duplicates, and
/// blobs refused before their content was read, which have no batch id).</summary>
public sealed record BatchRecord(
    string BatchId,
    string BlobName,
    BatchStatus Status,
    long Accepted,
    long Quarantined,
    long DuplicateRows,
    string? Reason,
    long Bytes,
    long DurationMs,
    string? ProcessedBlobName,
    string? QuarantineBlobName,
    DateTimeOffset? MinTimestamp,
    DateTimeOffset? MaxTimestamp)
{
    /// <summary>When the record was written (the table's timestamp).</summary>
    public DateTimeOffset? RecordedAt { get; init; }
}
