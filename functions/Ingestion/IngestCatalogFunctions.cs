using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Tailor.Catalog;
using Tailor.Ingestion;

namespace Tailor.Functions.Ingestion;

/// <summary>
/// Catalog ingestion behind the same two trigger sources as events (see <see cref="IngestEventsFunctions"/>):
/// Event Grid in Azure, polling for Azurite, each switched off where it does not belong with
/// <c>AzureWebJobs.&lt;FunctionName&gt;.Disabled</c>. A catalog batch does not start training: the next run
/// takes the merged catalog with its snapshot. A processed batch republishes the current catalog
/// (<see cref="CatalogSnapshot.PublishCurrentAsync"/>), which serving picks up within its refresh interval.
/// </summary>
public sealed class IngestCatalogFunctions(CatalogBatchIngestor ingestor, CatalogSnapshot snapshot)
{
    [Function("IngestCatalog")]
    public Task<BatchOutcome> FromEventGrid(
        [BlobTrigger("catalog/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        IngestAsync(name, cancellationToken);

    [Function("IngestCatalogPolling")]
    public Task<BatchOutcome> FromPolling(
        [BlobTrigger("catalog/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        IngestAsync(name, cancellationToken);

    /// <summary>Ingests one catalog blob; a failing attempt is remembered for the failed record. When the batch
    /// is processed the current catalog is republished; a failure there propagates, and the retry (which finds
    /// the batch already ingested) publishes again.</summary>
    public async Task<BatchOutcome> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        BatchOutcome outcome;
        try
        {
            outcome = await ingestor.IngestAsync(blobName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await ingestor.RecordAttemptFailureAsync(blobName, ex, cancellationToken);
            throw;
        }

        if (outcome.Status == BatchStatus.Processed)
        {
            await snapshot.PublishCurrentAsync(cancellationToken);
        }

        return outcome;
    }
}
