using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Catalog;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Privacy;
using Tailor.Snapshot;

namespace Tailor.Pipeline;

/// <summary>Reads every batch recorded as processed into one compact snapshot blob with its holdout split,
/// leaving out the events of forgotten users.</summary>
public sealed partial class SnapshotStage(
    RunStore runs,
    StageRecords records,
    ProcessedEventReader reader,
    ForgottenUsers forgotten,
    ErasureLedger erasures,
    CatalogSnapshot catalog,
    IOptions<PipelineOptions> options,
    IOptions<EventOptions> events,
    ILogger<SnapshotStage> logger)
{
    /// <summary>The run's snapshot; a run that already took it (a retried or resumed activity) reuses it.</summary>
    public Task<SnapshotResult> RunAsync(TrainingRun run, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(run.RunId, StageRecords.Stages.Snapshot, run, ct => SnapshotAsync(run, ct), cancellationToken);

    private async Task<SnapshotResult> SnapshotAsync(TrainingRun run, CancellationToken cancellationToken)
    {
        var builder = new SnapshotBuilder(events.Value.RatingEventType);
        var tombstones = await erasures.ReadTombstonesAsync(cancellationToken).ConfigureAwait(false);
        var leaveOut = tombstones.Users;
        await foreach (var batch in reader.ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            builder.Batches++;
            await foreach (var e in reader.ReadBatchAsync(batch.ProcessedBlobName!, cancellationToken).ConfigureAwait(false))
            {
                if (leaveOut.Count == 0 || !leaveOut.Contains(e.UserId))
                {
                    builder.Add(e);
                }
            }
        }

        var snapshot = builder.Build(options.Value.HoldoutFraction, options.Value.Seed);
        if (await records.CompletedAsync<TrainingRun, SnapshotResult>(run.RunId, StageRecords.Stages.Snapshot, run, cancellationToken).ConfigureAwait(false) is { } taken)
        {
            // Another execution of this activity took the run's snapshot meanwhile: its blob stays as its record says.
            return taken;
        }

        var blobName = RunBlobs.Snapshot(run.RunId);
        await runs.WriteSnapshotAsync(blobName, snapshot, cancellationToken).ConfigureAwait(false);
        LogSnapshot(logger, run.RunId, builder.Batches, builder.EventCount, snapshot.UserIds.Length, snapshot.ItemIds.Length);
        var items = await catalog.WriteAsync(RunBlobs.Catalog(run.RunId), cancellationToken).ConfigureAwait(false);
        return new SnapshotResult(
            run.RunId, blobName, snapshot.Batches, snapshot.UserIds.Length, snapshot.ItemIds.Length,
            snapshot.Train.NonZeroCount, snapshot.Holdout.NonZeroCount)
        {
            Forgotten = leaveOut.Count,
            ForgottenAsOf = tombstones.Latest,
            PendingErasures = tombstones.Open.Count,
            LatestPendingErasure = tombstones.LatestOpen,
            Catalog = items,
        };
    }

    /// <summary>Counts what a snapshot taken now would read.</summary>
    public async Task<TrainingInputs> CountInputsAsync(TrainingRun run, CancellationToken cancellationToken = default)
    {
        var batches = 0;
        DateTimeOffset? latest = null;
        await foreach (var batch in reader.ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            batches++;
            if (batch.RecordedAt > latest || latest is null)
            {
                latest = batch.RecordedAt;
            }
        }

        var forgottenUsers = await forgotten.LoadAsync(cancellationToken).ConfigureAwait(false);
        return new TrainingInputs(batches, forgottenUsers.Count) { LatestBatchAt = latest };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: snapshot of {Batches} batches, {Events} events, {Users} users, {Items} items")]
    private static partial void LogSnapshot(ILogger logger, string runId, int batches, long events, int users, int items);
}
