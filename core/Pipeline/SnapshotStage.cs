using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Catalog;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Privacy;
using Tailor.Snapshot;

namespace Tailor.Pipeline;

/// <summary>Reads every batch recorded as processed into one compact snapshot blob with its holdout split,
/// leaving out the events of forgotten users. It fans out: <see cref="PlanAsync"/> groups the batches,
/// <see cref="ShardAsync"/> reads one group into a shard blob (parallel activities, on separate instances in the
/// cloud), and <see cref="MergeAsync"/> merges the shards in batch order into the snapshot one reader of every batch
/// would make. Each step is recorded (<see cref="StageRecords"/>), so a retried or resumed activity reuses its output.</summary>
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
    /// <summary>Lists the processed batches once and groups them, consecutive in listing order, into at most
    /// <see cref="PipelineOptions.SnapshotShards"/> shards of as equal a number of accepted events as whole batches allow.</summary>
    public Task<SnapshotPlan> PlanAsync(TrainingRun run, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(run.RunId, StageRecords.Stages.SnapshotPlan, run, async ct =>
        {
            var batches = new List<(string Blob, long Events)>();
            await foreach (var batch in reader.ListProcessedBatchesAsync(ct).ConfigureAwait(false))
            {
                batches.Add((batch.ProcessedBlobName!, batch.Accepted));
            }

            var groups = Group(batches, options.Value.SnapshotShards);
            await runs.WriteJsonAsync(RunBlobs.SnapshotPlan(run.RunId), groups, JsonSerializerOptions.Web, ct).ConfigureAwait(false);
            var tombstones = await erasures.ReadTombstonesAsync(ct).ConfigureAwait(false);
            return new SnapshotPlan(run.RunId, groups.Length, batches.Count)
            {
                Forgotten = tombstones.Users.Count,
                ForgottenAsOf = tombstones.Latest,
                PendingErasures = tombstones.Open.Count,
                LatestPendingErasure = tombstones.LatestOpen,
            };
        }, cancellationToken);

    /// <summary>Reads one group of the plan into its shard blob, leaving out every user forgotten by now (a superset
    /// of those the plan counted).</summary>
    public Task<SnapshotShardResult> ShardAsync(SnapshotShardRequest request, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(request.RunId, StageRecords.Stages.SnapshotShard(request.Shard), request, async ct =>
        {
            var groups = await runs.ReadJsonAsync<string[][]>(RunBlobs.SnapshotPlan(request.RunId), JsonSerializerOptions.Web, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {request.RunId} has no snapshot plan.");
            var leaveOut = (await erasures.ReadTombstonesAsync(ct).ConfigureAwait(false)).Users;
            var builder = new SnapshotBuilder(events.Value.RatingEventType);
            foreach (var blob in groups[request.Shard])
            {
                builder.Batches++;
                await foreach (var e in reader.ReadBatchAsync(blob, ct).ConfigureAwait(false))
                {
                    if (leaveOut.Count == 0 || !leaveOut.Contains(e.UserId))
                    {
                        builder.Add(e);
                    }
                }
            }

            var shard = builder.ToShard();
            var result = new SnapshotShardResult(RunBlobs.SnapshotShard(request.RunId, request.Shard), shard.Batches, shard.Events, shard.UserIds.Length);
            if (await records.CompletedAsync<SnapshotShardRequest, SnapshotShardResult>(
                request.RunId, StageRecords.Stages.SnapshotShard(request.Shard), request, ct).ConfigureAwait(false) is { } taken)
            {
                return taken; // another execution of this shard finished meanwhile: its blob stays as its record says
            }

            await runs.WriteSnapshotShardAsync(result.ShardBlob, shard, ct).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    /// <summary>The run's snapshot merged from its shards; a run that already took it (a retried or resumed
    /// activity) reuses it.</summary>
    public Task<SnapshotResult> MergeAsync(SnapshotMergeRequest request, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(request.Run.RunId, StageRecords.Stages.Snapshot, request, ct => SnapshotAsync(request, ct), cancellationToken);

    private async Task<SnapshotResult> SnapshotAsync(SnapshotMergeRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        var builder = new SnapshotBuilder(events.Value.RatingEventType);
        foreach (var shard in request.Shards)
        {
            builder.Add(await runs.ReadSnapshotShardAsync(shard.ShardBlob, cancellationToken).ConfigureAwait(false));
        }

        var snapshot = builder.Build(options.Value.HoldoutFraction, options.Value.Seed);
        if (await records.CompletedAsync<SnapshotMergeRequest, SnapshotResult>(run.RunId, StageRecords.Stages.Snapshot, request, cancellationToken).ConfigureAwait(false) is { } taken)
        {
            // Another execution of this activity took the run's snapshot meanwhile: its blob stays as its record says.
            return taken;
        }

        var blobName = RunBlobs.Snapshot(run.RunId);
        await runs.WriteSnapshotAsync(blobName, snapshot, cancellationToken).ConfigureAwait(false);
        LogSnapshot(logger, run.RunId, builder.Batches, request.Shards.Count, builder.EventCount, snapshot.UserIds.Length, snapshot.ItemIds.Length);
        var items = await catalog.WriteAsync(RunBlobs.Catalog(run.RunId), cancellationToken).ConfigureAwait(false);
        return new SnapshotResult(
            run.RunId, blobName, snapshot.Batches, snapshot.UserIds.Length, snapshot.ItemIds.Length,
            snapshot.Train.NonZeroCount, snapshot.Holdout.NonZeroCount)
        {
            Forgotten = request.Plan.Forgotten,
            ForgottenAsOf = request.Plan.ForgottenAsOf,
            PendingErasures = request.Plan.PendingErasures,
            LatestPendingErasure = request.Plan.LatestPendingErasure,
            Catalog = items,
            EvaluationShards = Math.Clamp(options.Value.EvaluationShards, 1, Math.Max(1, snapshot.UserIds.Length)),
        };
    }

    /// <summary>At most <paramref name="shards"/> groups of consecutive batches, none empty, each closed once it
    /// reaches its share of the events.</summary>
    internal static string[][] Group(IReadOnlyList<(string Blob, long Events)> batches, int shards)
    {
        var width = Math.Min(shards, batches.Count);
        var total = 0L;
        foreach (var (_, count) in batches)
        {
            total += Math.Max(count, 1);
        }

        var groups = new List<string[]>(width);
        var current = new List<string>();
        var seen = 0L;
        for (var b = 0; b < batches.Count; b++)
        {
            current.Add(batches[b].Blob);
            seen += Math.Max(batches[b].Events, 1);
            var left = batches.Count - b - 1;
            var groupsLeft = width - groups.Count - 1;
            if (left == groupsLeft || (groupsLeft > 0 && seen * width >= total * (groups.Count + 1)))
            {
                groups.Add([.. current]);
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            groups.Add([.. current]);
        }

        return [.. groups];
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: snapshot of {Batches} batches in {Shards} shards, {Events} events, {Users} users, {Items} items")]
    private static partial void LogSnapshot(ILogger logger, string runId, int batches, int shards, long events, int users, int items);
}
