namespace Tailor.Ingestion;

/// <summary>A batch as recorded in the batches table (partition <c>batch</c>, row key = batch id), or an
/// upload recorded on its own (partition <c>upload</c>, row key = escaped blob name): duplicates, and blobs
/// rejected before their content was read.</summary>
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
