using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Tailor.Events;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>
/// Ingests one uploaded blob of its <see cref="BatchKind"/> (events, catalog) into exactly one recorded state.
/// <list type="number">
/// <item>Refuses without reading a blob that is too large or has an unsupported extension.</item>
/// <item>Pass one streams the blob through SHA-256: the hash is the batch id. Content already recorded as
/// processed (under any name) makes this upload a <see cref="BatchStatus.Duplicate"/>.</item>
/// <item>Pass two streams it again (pinned to the same ETag) through the parser into scratch files.</item>
/// <item>Uploads <c>processed/&lt;prefix&gt;&lt;batchId&gt;.parquet</c> and <c>quarantine/&lt;prefix&gt;&lt;batchId&gt;.jsonl</c>
/// (the prefix is the kind's, empty for events), and only then
/// writes the batch record: readers trust only batches recorded as processed. A rejected file leaves no output.</item>
/// </list>
/// Storage failures propagate (for the caller's retry policy); a retry redoes the work idempotently. What a
/// kind's rows are is its parser's business (<see cref="ParseAsync"/>); limits (file size, bad-row share,
/// decompressed size) are the <see cref="EventOptions"/>' for every kind.
/// </summary>
public abstract partial class BatchIngestor(
    TailorStorage storage,
    BatchKind kind,
    EventOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly EventOptions _options = options;

    /// <summary>What this ingestor reads, from which container, and where its records and outputs go.</summary>
    public BatchKind Kind { get; } = kind;

    private protected TimeProvider Time => timeProvider;

    /// <summary>Parses one blob's content into scratch outputs (processed Parquet, quarantine JSON Lines, counts,
    /// or a rejection reason).</summary>
    private protected abstract Task<ParsedBatch> ParseAsync(
        Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, IDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Whether an upload is deleted once its batch is recorded (processed, duplicate or rejected): true
    /// when its content must not stay in storage (raw user ids under pseudonymization).</summary>
    private protected virtual bool DeletesSources => false;

    /// <summary>Runs after a batch's outputs are uploaded and before it is recorded as processed (so a failure
    /// here is retried with the whole batch); nothing by default.</summary>
    private protected virtual Task OnProcessedAsync(ParsedBatch parsed, string processedName, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<BatchOutcome> IngestAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var activity = IngestionTelemetry.Source.StartActivity("ingest batch");
        var outcome = await IngestCoreAsync(blobName, cancellationToken).ConfigureAwait(false);
        if (DeletesSources && outcome.Status is BatchStatus.Processed or BatchStatus.Duplicate or BatchStatus.Rejected)
        {
            await Kind.Container(storage).GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        IngestionTelemetry.Record(activity, outcome);
        return outcome;
    }

    private async Task<BatchOutcome> IngestCoreAsync(string blobName, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var blob = Kind.Container(storage).GetBlobClient(blobName);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var bytes = properties.ContentLength;

        if (!EventFileFormat.TryFromName(blobName, out var format))
        {
            return await RecordEarlyRejectionAsync(blobName, bytes, started,
                $"Unsupported file extension of '{blobName}': expected .csv, .jsonl or .parquet, each optionally .gz.", cancellationToken).ConfigureAwait(false);
        }

        if (bytes > _options.MaxFileBytes)
        {
            return await RecordEarlyRejectionAsync(blobName, bytes, started, EventFile.TooLargeReason(bytes, _options), cancellationToken).ConfigureAwait(false);
        }

        var (batchId, hashedBytes) = await ContentHash.ComputeAsync(blob, properties.ETag, cancellationToken).ConfigureAwait(false);
        LogHashed(logger, blobName, batchId, hashedBytes);
        var existing = await FindBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: BatchStatus.Processed })
        {
            if (IsSameUpload(existing, blobName))
            {
                LogAlreadyIngested(logger, blobName, batchId);
                return Outcome(existing, started);
            }

            return await RecordDuplicateAsync(blobName, batchId, hashedBytes, started, existing, cancellationToken).ConfigureAwait(false);
        }

        var content = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = 4 * 1024 * 1024,
            Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
        }, cancellationToken).ConfigureAwait(false);

        var parsed = await ParseAsync(content, format, _options, timeProvider.GetUtcNow(), properties.Metadata, cancellationToken).ConfigureAwait(false);
        await using (parsed.ConfigureAwait(false))
        {
            if (parsed.RejectionReason is { } reason)
            {
                var rejected = Record(batchId, blobName, BatchStatus.Rejected, parsed, reason, hashedBytes, started, null, null);
                return await RecordBatchAsync(rejected, existing, started, cancellationToken).ConfigureAwait(false);
            }

            var processedName = Kind.ProcessedPrefix + batchId + ".parquet";
            var quarantineName = parsed.Quarantined > 0 ? Kind.ProcessedPrefix + batchId + ".jsonl" : null;
            await UploadAsync(storage.Processed.GetBlobClient(processedName), parsed.Processed, cancellationToken).ConfigureAwait(false);
            if (quarantineName is not null)
            {
                await UploadAsync(storage.Quarantine.GetBlobClient(quarantineName), parsed.Quarantine, cancellationToken).ConfigureAwait(false);
            }

            await OnProcessedAsync(parsed, processedName, cancellationToken).ConfigureAwait(false);
            var record = Record(batchId, blobName, BatchStatus.Processed, parsed, null, hashedBytes, started, processedName, quarantineName);
            return await RecordBatchAsync(record, existing, started, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<BatchOutcome?> FindBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        var found = await storage.Batches.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(
            Kind.BatchPartition, batchId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? BatchTable.FromEntity(found.Value!) : null;
    }

    private static async Task UploadAsync(BlobClient target, FileStream scratch, CancellationToken cancellationToken)
    {
        scratch.Position = 0;
        await target.UploadAsync(scratch, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    private BatchOutcome Record(string batchId, string blobName, BatchStatus status, ParsedBatch parsed, string? reason, long bytes,
        long started, string? processedName, string? quarantineName) => new(
        batchId, blobName, status,
        status == BatchStatus.Processed ? parsed.Accepted : 0,
        status == BatchStatus.Processed ? parsed.Quarantined : 0,
        status == BatchStatus.Processed ? parsed.DuplicateRows : 0,
        reason, processedName)
    {
        QuarantineBlobName = quarantineName,
        Bytes = bytes,
        Duration = timeProvider.GetElapsedTime(started),
        MinTimestamp = status == BatchStatus.Processed ? parsed.MinTimestamp : null,
        MaxTimestamp = status == BatchStatus.Processed ? parsed.MaxTimestamp : null,
        Kind = Kind.Name,
    };

    /// <summary>The recorded state as this call returns it: its own duration, not the table's time stamp.</summary>
    private BatchOutcome Outcome(BatchOutcome record, long started) =>
        record with { Duration = timeProvider.GetElapsedTime(started), RecordedAt = null, Kind = Kind.Name };

    private static bool IsConflict(RequestFailedException ex) => BatchTable.IsConflict(ex);

    /// <summary>The blob was already ingested under this very name (a redelivered trigger, a retry, or the same
    /// content uploaded again over itself): ingestion is idempotent and reports the recorded batch.</summary>
    private static bool IsSameUpload(BatchOutcome existing, string blobName) =>
        string.Equals(existing.BlobName, blobName, StringComparison.Ordinal);
}
