using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Interactions;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Storage;
using Tailor.Training.Popularity;

namespace Tailor.Pipeline;

/// <summary>Judges the candidate on the holdout against the popularity baseline, and against the model now
/// serving on the holdout interactions new since that model's data (see <see cref="FreshHoldout"/>). It fans out over
/// user ranges: <see cref="ShardAsync"/> scores one range's users (parallel activities, on separate instances in the
/// cloud) into exact metric sums (<see cref="EvaluationSums"/>), and <see cref="RunAsync"/> adds them up into the
/// report, the same whatever the number of ranges.</summary>
public sealed partial class EvaluateStage(
    TailorStorage storage,
    RunStore runs,
    StageRecords records,
    ModelStore models,
    ModelPointer pointer,
    ProfileStore profiles,
    SegmentStore segments,
    IOptions<PipelineOptions> options,
    IOptions<LightUserOptions> lightUsers,
    ILogger<EvaluateStage> logger)
{
    /// <summary>Scores one range of users once per run, candidate and width; a retried or resumed activity reuses its sums.</summary>
    public Task<EvaluateShardResult> ShardAsync(EvaluateShardRequest input, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(input.Request.Snapshot.RunId, StageRecords.Stages.EvaluateShard(input.Shard), input, ct => ShardCoreAsync(input, ct), cancellationToken);

    /// <summary>Adds the shards' sums up once per run and candidate; a retried or resumed activity reuses the recorded report.</summary>
    public Task<EvaluateResult> RunAsync(EvaluateMergeRequest input, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(input.Request.Snapshot.RunId, StageRecords.Stages.Evaluate, input, ct => MergeAsync(input, ct), cancellationToken);

    private async Task<EvaluateShardResult> ShardCoreAsync(EvaluateShardRequest shard, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var input = shard.Request;
        var snapshot = await runs.ReadSnapshotAsync(input.Snapshot.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var candidate = await runs.ReadArtifactAsync(input.Candidate.CandidateBlob, cancellationToken).ConfigureAwait(false);
        var users = snapshot.UserIds.Length;
        var from = (int)((long)users * shard.Shard / shard.Shards);
        var to = (int)((long)users * (shard.Shard + 1) / shard.Shards);

        var slices = await SlicesAsync(input.Snapshot.RunId, snapshot, cancellationToken).ConfigureAwait(false);
        var candidateRun = slices.Measure(candidate.Model, snapshot.Holdout, from, to, cancellationToken);
        var popularityRun = slices.Measure(new PopularityTrainer().Fit(snapshot.Train, cancellationToken), snapshot.Holdout, from, to, cancellationToken);
        var blendedRun = slices.MeasureBlended(candidateRun, snapshot.Holdout);

        SlicedRun? currentRun = null, candidateOnNew = null;
        long newInteractions = 0;
        var current = await pointer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            var version = current.Current.Version;
            var serving = await models.LoadArtifactAsync(version, cancellationToken).ConfigureAwait(false);
            var fresh = await FreshSinceAsync(version, snapshot, from, to, cancellationToken).ConfigureAwait(false);
            newInteractions = fresh.RowOffsets[to] - fresh.RowOffsets[from];
            currentRun = slices.Measure(new CurrentModelView(serving, snapshot.ItemIds), fresh, from, to, cancellationToken);
            candidateOnNew = slices.Measure(candidate.Model, fresh, from, to, cancellationToken);
        }

        var sums = new EvaluationSums(
            from, to, snapshot.Train.ItemCount, watch.Elapsed.TotalSeconds, candidateRun.Sums, popularityRun.Sums, blendedRun?.Sums,
            current?.Current.Version, current?.ETag.ToString(), newInteractions, currentRun?.Sums, candidateOnNew?.Sums);
        var blob = RunBlobs.EvaluationShard(input.Snapshot.RunId, shard.Shard);
        await runs.WriteJsonAsync(blob, sums, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        return new EvaluateShardResult(blob, candidateRun.Users.Length);
    }

    private async Task<EvaluateResult> MergeAsync(EvaluateMergeRequest merge, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var input = merge.Request;
        var k = options.Value.MetricsAt;
        EvaluationSums? total = null;
        foreach (var shard in merge.Shards)
        {
            var sums = await runs.ReadJsonAsync<EvaluationSums>(shard.SumsBlob, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The evaluation shard {shard.SumsBlob} is empty.");
            total = total is null ? sums : Add(total, sums);
        }

        if (total is null)
        {
            throw new InvalidOperationException("An evaluation needs at least one shard.");
        }

        var segmentSet = total.Candidate.BySegment.Length > 0
            ? await segments.ReadAsync(RunBlobs.Segments(input.Snapshot.RunId), cancellationToken).ConfigureAwait(false)
            : null;
        var candidate = total.Candidate.ToMetrics(k, total.ItemCount);
        var popularity = total.Popularity.ToMetrics(k, total.ItemCount);
        var blended = total.Blended?.ToMetrics(k, total.ItemCount);
        var current = total.Current?.ToMetrics(k, total.ItemCount);
        var seconds = total.Seconds + watch.Elapsed.TotalSeconds;
        var result = new EvaluateResult(
            RunBlobs.Evaluation(input.Snapshot.RunId), k, candidate.Overall, popularity.Overall, current?.Overall,
            total.CurrentVersion, total.CurrentETag, seconds)
        {
            CandidateOnNew = total.CandidateOnNew?.Overall.ToMetricSet(k, total.ItemCount),
            NewInteractions = total.NewInteractions,
            Segments = EvaluationSlices.SegmentSlices(segmentSet, candidate, popularity, blended, current),
            ActivityBuckets = EvaluationSlices.BucketSlices(candidate, popularity, blended, current),
            LightUserThreshold = lightUsers.Value.LightUserThreshold,
        };
        await runs.WriteJsonAsync(result.EvaluationBlob, result, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);

        LogEvaluated(logger, input.Snapshot.RunId, merge.Shards.Count, candidate.Overall.Ndcg, popularity.Overall.Ndcg, current?.Overall.Ndcg);
        return result;
    }

    /// <summary>Two shards' sums added up; the serving model must be the one both compared against.</summary>
    private static EvaluationSums Add(EvaluationSums a, EvaluationSums b)
    {
        if (!string.Equals(a.CurrentVersion, b.CurrentVersion, StringComparison.Ordinal) || !string.Equals(a.CurrentETag, b.CurrentETag, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The serving model changed while the candidate was evaluated ({a.CurrentVersion ?? "none"} and {b.CurrentVersion ?? "none"}); the next run compares again.");
        }

        a.Candidate.Add(b.Candidate);
        a.Popularity.Add(b.Popularity);
        a.Blended?.Add(b.Blended!);
        a.Current?.Add(b.Current!);
        a.CandidateOnNew?.Add(b.CandidateOnNew!);
        return a with
        {
            From = Math.Min(a.From, b.From), To = Math.Max(a.To, b.To), Seconds = Math.Max(a.Seconds, b.Seconds),
            NewInteractions = a.NewInteractions + b.NewInteractions,
        };
    }

    /// <summary>The run's segments (when its profiles stage made them) and activity buckets to slice the holdout by.</summary>
    private async Task<EvaluationSlices> SlicesAsync(string runId, InteractionSnapshot snapshot, CancellationToken cancellationToken)
    {
        var segmentSet = await segments.ReadAsync(RunBlobs.Segments(runId), cancellationToken).ConfigureAwait(false);
        ProfileSet? profileSet = null;
        if (segmentSet is not null)
        {
            try
            {
                profileSet = await profiles.ReadAsync(RunBlobs.Profiles(runId), cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                profileSet = null;
            }
        }

        return new EvaluationSlices(snapshot, profileSet, segmentSet, options.Value.MetricsAt, lightUsers.Value);
    }

    /// <summary>The holdout interactions the serving version's snapshot did not contain, for the users in
    /// [<paramref name="from"/>, <paramref name="to"/>) (other rows may hold anything: they are not measured); the whole
    /// holdout when that snapshot is gone (a manual version, or cleaned up).</summary>
    private async Task<InteractionMatrix> FreshSinceAsync(string version, InteractionSnapshot snapshot, int from, int to, CancellationToken cancellationToken)
    {
        var manifest = await models.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false);
        if (manifest is null || !await storage.Snapshots.GetBlobClient(manifest.Data.BlobName).ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return snapshot.Holdout;
        }

        var earlier = await runs.ReadSnapshotAsync(manifest.Data.BlobName, cancellationToken).ConfigureAwait(false);
        return FreshHoldout.Of(snapshot, earlier, from, to);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: holdout NDCG over {Shards} shards: candidate {Candidate:F4}, popularity {Popularity:F4}, current {Current}")]
    private static partial void LogEvaluated(ILogger logger, string runId, int shards, double candidate, double popularity, double? current);
}
