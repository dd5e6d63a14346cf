using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Tailor.Catalog;
using Tailor.Ingestion;

namespace Tailor.Functions.Ingestion;

/// <summary>
/// Catalog ingestion behind the same two trigger sources as events (see <see cref="IngestEventsFunctions"/>):
/// Event Grid in Azure, polling for Azurite, each switched off where it does not belong with
/// <c>AzureWebJobs.&lt;FunctionName&gt;.Disabled</c>. A catalog batch does not start training: the next run
/// takes the merged catalog with its snapshot.
/// </summary>
public sealed class IngestCatalogFunctions(CatalogBatchIngestor ingestor)
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

    /// <summary>Ingests one catalog blob; a failing attempt is remembered for the failed record.</summary>
    public async Task<BatchOutcome> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return await ingestor.IngestAsync(blobName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await ingestor.RecordAttemptFailureAsync(blobName, ex, cancellationToken);
            throw;
        }
    }
}
