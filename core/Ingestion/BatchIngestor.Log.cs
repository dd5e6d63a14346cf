using Microsoft.Extensions.Logging;

namespace Tailor.Ingestion;

public abstract partial class BatchIngestor
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Blob {BlobName} hashed to batch {BatchId} ({Bytes} bytes)")]
    private static partial void LogHashed(ILogger logger, string blobName, string batchId, long bytes);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Blob {BlobName} processed as batch {BatchId}: {Accepted} accepted, {Quarantined} quarantined, {DuplicateRows} duplicate rows")]
    private static partial void LogProcessed(ILogger logger, string blobName, string batchId, long accepted, long quarantined, long duplicateRows);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Blob {BlobName} is a duplicate of batch {BatchId} (first uploaded as {OriginalBlobName})")]
    private static partial void LogDuplicate(ILogger logger, string blobName, string batchId, string originalBlobName);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Blob {BlobName} rejected (batch {BatchId}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string blobName, string batchId, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Blob {BlobName} was already ingested as batch {BatchId}; nothing to do")]
    private static partial void LogAlreadyIngested(ILogger logger, string blobName, string batchId);
}
