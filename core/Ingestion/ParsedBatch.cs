using Tailor.Fresh;

namespace Tailor.Ingestion;

/// <summary>A batch parsed into scratch files, not yet uploaded: the processed Parquet, the quarantine
/// JSON Lines, the counts — or the file-level reason it must be rejected.</summary>
internal sealed class ParsedBatch(FileStream processed, FileStream quarantine) : IAsyncDisposable
{
    public FileStream Processed { get; } = processed;

    public FileStream Quarantine { get; } = quarantine;

    public long Rows { get; set; }

    public long Accepted { get; set; }

    public long Quarantined { get; set; }

    public long DuplicateRows { get; set; }

    public DateTimeOffset? MinTimestamp { get; set; }

    public DateTimeOffset? MaxTimestamp { get; set; }

    /// <summary>The batch's recent events for the fresh-history store, when the parse gathers them.</summary>
    public FreshBatchEvents? Fresh { get; init; }

    /// <summary>The distinct user ids of the processed rows, once the parse completed.</summary>
    public IReadOnlyCollection<string> Users { get; set; } = [];

    /// <summary>Why the whole file is rejected; null when it can be recorded as processed.</summary>
    public string? RejectionReason { get; set; }

    public void Observe(DateTimeOffset timestamp)
    {
        if (MinTimestamp is null || timestamp < MinTimestamp)
        {
            MinTimestamp = timestamp;
        }

        if (MaxTimestamp is null || timestamp > MaxTimestamp)
        {
            MaxTimestamp = timestamp;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Processed.DisposeAsync().ConfigureAwait(false);
        await Quarantine.DisposeAsync().ConfigureAwait(false);
    }
}
