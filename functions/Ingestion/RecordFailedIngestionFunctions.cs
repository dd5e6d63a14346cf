using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Functions.Ingestion;

/// <summary>No upload is lost silently: a blob whose ingestion failed on every retry of the blob trigger (poison
/// queue) or whose Event Grid delivery was dead-lettered gets a <c>failed</c> batch record.</summary>
public sealed partial class RecordFailedIngestionFunctions(IEnumerable<BatchIngestor> ingestors, DeadLetterSweeper deadLetters, TailorStorage storage,
    ILogger<RecordFailedIngestionFunctions> logger)
{
    /// <summary>The queue the Functions blob extension writes a blob to after its last failed attempt.</summary>
    public const string PoisonQueue = "webjobs-blobtrigger-poison";

    [Function("RecordPoisonBlob")]
    public async Task<BatchOutcome?> FromPoisonQueue(
        [QueueTrigger(PoisonQueue, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        var poison = PoisonBlobMessage.TryParse(message);
        var ingestor = poison is null ? null
            : ingestors.FirstOrDefault(i => string.Equals(poison.ContainerName, i.Kind.ContainerName(storage.Options), StringComparison.Ordinal));
        if (poison is null || ingestor is null)
        {
            LogIgnored(logger, message.Length > 200 ? message[..200] : message);
            return null;
        }

        return await ingestor.RecordFailureAsync(poison.BlobName!, $"{poison.FunctionId ?? "the blob trigger"} gave up after its retries", null, cancellationToken);
    }

    /// <summary>Every five minutes: dead-lettered Event Grid deliveries become failed records.</summary>
    [Function("RecordDeadLetteredEvents")]
    public Task<int> FromDeadLetters([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        deadLetters.SweepAsync(cancellationToken);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Poison message is not for an events or catalog blob; ignored: {Message}")]
    private static partial void LogIgnored(ILogger logger, string message);
}
