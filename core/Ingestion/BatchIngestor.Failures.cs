using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Tailor.Ingestion;

public abstract partial class BatchIngestor
{
    private const int MaxReasonLength = 2000;

    /// <summary>Remembers why an attempt to ingest <paramref name="blobName"/> failed, so that the failed record
    /// written once the trigger gives up can say it. Best effort: storage may be what is failing.</summary>
    public async Task RecordAttemptFailureAsync(string blobName, Exception error, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(BatchTable.AttemptPartition, BatchTable.UploadKey(Kind.UploadName(blobName)))
        {
            ["BlobName"] = blobName,
            ["Reason"] = Describe(error),
        };
        try
        {
            await storage.Batches.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            LogAttemptNotRecorded(logger, blobName, ex.Message);
        }
    }

    /// <summary>Records that ingesting <paramref name="blobName"/> failed for good (<paramref name="source"/>: the
    /// poison queue or Event Grid's dead letter), with the last attempt's error when one was remembered. A blob
    /// that already ended in another state keeps it: every upload ends in exactly one recorded state.</summary>
    public async Task<BatchOutcome> RecordFailureAsync(string blobName, string source, string? error = null, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var key = BatchTable.UploadKey(Kind.UploadName(blobName));
        var current = await storage.Batches.GetEntityIfExistsAsync<TableEntity>(BatchTable.UploadPartition, key, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (current.HasValue && BatchTable.FromEntity(current.Value!) is { Status: not BatchStatus.Failed } ended)
        {
            LogFailureIgnored(logger, blobName, BatchTable.StatusText(ended.Status));
            return Outcome(ended, started);
        }

        var attempt = await storage.Batches.GetEntityIfExistsAsync<TableEntity>(BatchTable.AttemptPartition, key, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var lastError = error ?? (attempt.HasValue ? attempt.Value!.GetString("Reason") : null);
        var reason = Truncate($"Ingestion failed ({source})" + (lastError is null ? "; the last error was not recorded (see the logs)." : ": " + lastError));
        var record = new BatchOutcome(BatchTable.NameId(Kind.UploadName(blobName)), blobName, BatchStatus.Failed, 0, 0, 0, reason, null)
        {
            Duration = timeProvider.GetElapsedTime(started),
            Kind = Kind.Name,
        };
        await RecordUploadAsync(record, cancellationToken).ConfigureAwait(false);
        if (attempt.HasValue)
        {
            await storage.Batches.DeleteEntityAsync(BatchTable.AttemptPartition, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        LogFailed(logger, blobName, record.BatchId, reason);
        return Outcome(record, started);
    }

    private static string Describe(Exception error) =>
        Truncate(error is RequestFailedException { ErrorCode: { } code } storageError
            ? $"{error.GetType().Name} {storageError.Status} {code}: {FirstLine(error.Message)}"
            : $"{error.GetType().Name}: {FirstLine(error.Message)}");

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static string Truncate(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Blob {BlobName} failed (batch {BatchId}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string blobName, string batchId, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Blob {BlobName} reported as failed but it already ended {Status}; kept")]
    private static partial void LogFailureIgnored(ILogger logger, string blobName, string status);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "The failed attempt on blob {BlobName} could not be recorded: {Error}")]
    private static partial void LogAttemptNotRecorded(ILogger logger, string blobName, string error);
}
