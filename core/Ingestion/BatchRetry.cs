using Azure;

namespace Tailor.Ingestion;

/// <summary>How a retry ended.</summary>
public enum BatchRetryStatus
{
    /// <summary>The blob was ingested again; <see cref="BatchRetryResult.Outcome"/> is its new state.</summary>
    Retried,

    /// <summary>No batch or upload has the id.</summary>
    NotFound,

    /// <summary>The batch is not failed or rejected, or its blob is gone; the reason says which.</summary>
    NotRetryable,
}

/// <summary>What <see cref="BatchRetry.RetryAsync"/> did.</summary>
public sealed record BatchRetryResult(BatchRetryStatus Status, BatchOutcome? Previous, BatchOutcome? Outcome, string? Reason);

/// <summary>Re-ingests the blob of a failed or rejected batch (after the cause was fixed: storage back, a
/// setting changed). Used by <c>POST batches/{batchId}/retry</c> and <c>tailor ingest --retry</c>.</summary>
public sealed class BatchRetry(BatchHistory history, IEnumerable<BatchIngestor> ingestors)
{
    public async Task<BatchRetryResult> RetryAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var previous = await history.FindAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            return new BatchRetryResult(BatchRetryStatus.NotFound, null, null, $"No batch has id '{batchId}'.");
        }

        if (previous.Status is not (BatchStatus.Failed or BatchStatus.Rejected))
        {
            return new BatchRetryResult(BatchRetryStatus.NotRetryable, previous, null,
                $"Batch '{batchId}' is {BatchTable.StatusText(previous.Status)}; only failed or rejected batches are retried.");
        }

        var ingestor = ingestors.FirstOrDefault(i => i.Kind.Name == previous.Kind);
        if (ingestor is null)
        {
            return new BatchRetryResult(BatchRetryStatus.NotRetryable, previous, null,
                $"Batch '{batchId}' holds {previous.Kind}, which this host does not ingest.");
        }

        try
        {
            var outcome = await ingestor.IngestAsync(previous.BlobName, cancellationToken).ConfigureAwait(false);
            return new BatchRetryResult(BatchRetryStatus.Retried, previous, outcome, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new BatchRetryResult(BatchRetryStatus.NotRetryable, previous, null,
                $"Batch '{batchId}' cannot be retried: its blob '{previous.BlobName}' is no longer in the {previous.Kind} container.");
        }
    }
}
