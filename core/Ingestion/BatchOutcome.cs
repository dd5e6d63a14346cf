namespace Tailor.Ingestion;

/// <summary>The state one uploaded blob ended in: what ingesting it returns, and what the batches table holds
/// (see <see cref="BatchTable"/>: partition <c>batch</c>, row key = batch id, one record per distinct content,
/// processed or rejected, which readers trust; partition <c>upload</c>, row key = escaped blob name, the state
/// each uploaded name ended in, duplicates and blobs refused unread included).</summary>
/// <param name="BatchId">SHA-256 (lowercase hex) of the blob's content; <c>name-</c> and a hash of the blob's
/// name when the content was not read (rejected as too large or by extension, or failed).</param>
/// <param name="BlobName">The uploaded blob's name in its kind's container (events or catalog).</param>
/// <param name="Status">The state recorded.</param>
/// <param name="Accepted">Rows written to the processed Parquet file.</param>
/// <param name="Quarantined">Bad rows written to the quarantine file.</param>
/// <param name="DuplicateRows">Valid rows dropped as repeats (same user, item, type, timestamp) within the batch.</param>
/// <param name="Reason">Why the blob was rejected, or which batch it duplicates.</param>
/// <param name="ProcessedBlobName">The processed Parquet blob (for a duplicate: the original's).</param>
public sealed record BatchOutcome(
    string BatchId,
    string BlobName,
    BatchStatus Status,
    long Accepted,
    long Quarantined,
    long DuplicateRows,
    string? Reason,
    string? ProcessedBlobName)
{
    /// <summary>The quarantine JSON Lines blob, when rows were quarantined.</summary>
    public string? QuarantineBlobName { get; init; }

    /// <summary>Size of the uploaded blob in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>How long ingestion took (stored in whole milliseconds).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Earliest event timestamp of a processed batch.</summary>
    public DateTimeOffset? MinTimestamp { get; init; }

    /// <summary>Latest event timestamp of a processed batch.</summary>
    public DateTimeOffset? MaxTimestamp { get; init; }

    /// <summary>When the record was written (the table's timestamp); null on an outcome not read back from the table.</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>What the batch holds (<see cref="BatchKind.Name"/>: <c>events</c> or <c>catalog</c>).</summary>
    public string Kind { get; init; } = "events";

    /// <summary>Accepted rows later removed from the processed file because their users were erased.</summary>
    public long ErasedRows { get; init; }

    /// <summary>Data rows read (accepted + quarantined + duplicate rows).</summary>
    public long RowsRead => Accepted + Quarantined + DuplicateRows;
}
