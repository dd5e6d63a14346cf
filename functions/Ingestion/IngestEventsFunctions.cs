using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tailor.Ingestion;
using Tailor.Pipeline;

namespace Tailor.Functions.Ingestion;

/// <summary>
/// One ingestion path behind two trigger sources: Event Grid in Azure (Flex Consumption delivers blob
/// events only that way) and polling for Azurite. Each is switched off where it does not belong with the
/// app setting <c>AzureWebJobs.&lt;FunctionName&gt;.Disabled</c>.
/// </summary>
public sealed class IngestEventsFunctions(EventBatchIngestor ingestor, TrainingScheduler scheduler)
{
    [Function("IngestEvents")]
    public Task<BatchOutcome> FromEventGrid(
        [BlobTrigger("events/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        IngestAsync(name, durable, cancellationToken);

    [Function("IngestEventsPolling")]
    public Task<BatchOutcome> FromPolling(
        [BlobTrigger("events/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        IngestAsync(name, durable, cancellationToken);

    /// <summary>Ingests one blob and, when it added events, asks for a training run.</summary>
    public async Task<BatchOutcome> IngestAsync(string blobName, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        BatchOutcome outcome;
        try
        {
            outcome = await ingestor.IngestAsync(blobName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept for the failed record written once the trigger gives up (RecordFailedIngestionFunctions).
            await ingestor.RecordAttemptFailureAsync(blobName, ex, cancellationToken);
            throw;
        }

        if (outcome.Status == BatchStatus.Processed && outcome.Accepted > 0)
        {
            await scheduler.RequestAsync(durable, $"batch {outcome.BatchId} processed ({outcome.Accepted} events)", cancellationToken);
        }

        return outcome;
    }
}
