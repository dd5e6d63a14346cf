using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Ingestion;
using Tailor.Snapshot;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>Reads every batch recorded as processed into one compact snapshot blob with its holdout split.</summary>
public sealed partial class SnapshotStage(
    TailorStorage storage,
    ProcessedEventReader reader,
    IOptions<PipelineOptions> options,
    ILogger<SnapshotStage> logger)
{
    public async Task<SnapshotResult> RunAsync(TrainingRun run, CancellationToken cancellationToken = default)
    {
        var builder = new SnapshotBuilder();
        await foreach (var batch in reader.ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            builder.Batches++;
            await foreach (var e in reader.ReadBatchAsync(batch.ProcessedBlobName!, cancellationToken).ConfigureAwait(false))
            {
                builder.Add(e);
            }
        }

        var snapshot = builder.Build(options.Value.HoldoutFraction, options.Value.Seed);
        var blobName = RunBlobs.Snapshot(run.RunId);
        await SnapshotStore.WriteAsync(storage, blobName, snapshot, cancellationToken).ConfigureAwait(false);
        LogSnapshot(logger, run.RunId, builder.Batches, builder.EventCount, snapshot.UserIds.Length, snapshot.ItemIds.Length);
        return new SnapshotResult(
            run.RunId, blobName, snapshot.Batches, snapshot.UserIds.Length, snapshot.ItemIds.Length,
            snapshot.Train.NonZeroCount, snapshot.Holdout.NonZeroCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: snapshot of {Batches} batches, {Events} events, {Users} users, {Items} items")]
    private static partial void LogSnapshot(ILogger logger, string runId, int batches, long events, int users, int items);
}
