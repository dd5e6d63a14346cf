namespace Tailor.Ingestion;

/// <summary>Derives a sidecar from a processed events batch right after it is uploaded (before its record is
/// written, so a failure retries the batch): the per-batch user index of <c>core/Privacy</c>, from the distinct
/// user ids the parse wrote. Optional.</summary>
public interface IProcessedBatchIndexer
{
    Task IndexAsync(string processedBlobName, IReadOnlyCollection<string> users, CancellationToken cancellationToken = default);
}
