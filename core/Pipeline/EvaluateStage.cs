using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Storage;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Pipeline;

/// <summary>Judges the candidate on the holdout against the popularity baseline, and against the model now
/// serving on the holdout interactions new since that model's data (see <see cref="FreshHoldout"/>).</summary>
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
    /// <summary>Evaluates once per run and candidate; a retried or resumed activity reuses the recorded report.</summary>
    public Task<EvaluateResult> RunAsync(EvaluateRequest input, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(input.Snapshot.RunId, StageRecords.Stages.Evaluate, input, ct => EvaluateAsync(input, ct), cancellationToken);

    private async Task<EvaluateResult> EvaluateAsync(EvaluateRequest input, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var k = options.Value.MetricsAt;
        var snapshot = await runs.ReadSnapshotAsync(input.Snapshot.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var candidate = await runs.ReadArtifactAsync(input.Candidate.CandidateBlob, cancellationToken).ConfigureAwait(false);

        var slices = await SlicesAsync(input.Snapshot.RunId, snapshot, cancellationToken).ConfigureAwait(false);
        var candidateRun = slices.Measure(candidate.Model, snapshot.Holdout, cancellationToken);
        var popularityRun = slices.Measure(new PopularityTrainer().Fit(snapshot.Train, cancellationToken), snapshot.Holdout, cancellationToken);
        var blendedRun = slices.MeasureBlended(candidateRun, snapshot.Holdout);
        var candidateMetrics = candidateRun.Overall;
        var popularityMetrics = popularityRun.Overall;

        MetricSet? currentMetrics = null, candidateOnNew = null;
        SlicedRun? currentRun = null;
        long newInteractions = 0;
        var current = await pointer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            var version = current.Current.Version;
            var serving = await models.LoadArtifactAsync(version, cancellationToken).ConfigureAwait(false);
            var fresh = await FreshSinceAsync(version, snapshot, cancellationToken).ConfigureAwait(false);
            newInteractions = fresh.NonZeroCount;
            currentRun = slices.Measure(new CurrentModelView(serving, snapshot.ItemIds), fresh, cancellationToken);
            currentMetrics = currentRun.Overall;
            candidateOnNew = Measure(candidate.Model, fresh);
        }

        var result = new EvaluateResult(
            RunBlobs.Evaluation(input.Snapshot.RunId), k, candidateMetrics, popularityMetrics, currentMetrics,
            current?.Current.Version, current?.ETag.ToString(), watch.Elapsed.TotalSeconds)
        {
            CandidateOnNew = candidateOnNew,
            NewInteractions = newInteractions,
            Segments = slices.SegmentSlices(candidateRun, popularityRun, blendedRun, currentRun),
            ActivityBuckets = slices.BucketSlices(candidateRun, popularityRun, blendedRun, currentRun),
            LightUserThreshold = slices.LightThreshold,
        };
        await runs.WriteJsonAsync(result.EvaluationBlob, result, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);

        LogEvaluated(logger, input.Snapshot.RunId, candidateMetrics.Ndcg, popularityMetrics.Ndcg, currentMetrics?.Ndcg);
        return result;

        MetricSet Measure(IRecommender model, InteractionMatrix holdout) =>
            Evaluator.Evaluate(model, snapshot.Train, holdout, k, cancellationToken);
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

    /// <summary>The holdout interactions the serving version's snapshot did not contain; the whole holdout
    /// when that snapshot is gone (a manual version, or cleaned up).</summary>
    private async Task<InteractionMatrix> FreshSinceAsync(string version, InteractionSnapshot snapshot, CancellationToken cancellationToken)
    {
        var manifest = await models.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false);
        if (manifest is null || !await storage.Snapshots.GetBlobClient(manifest.Data.BlobName).ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return snapshot.Holdout;
        }

        var earlier = await runs.ReadSnapshotAsync(manifest.Data.BlobName, cancellationToken).ConfigureAwait(false);
        return FreshHoldout.Of(snapshot, earlier);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: holdout NDCG candidate {Candidate:F4}, popularity {Popularity:F4}, current {Current}")]
    private static partial void LogEvaluated(ILogger logger, string runId, double candidate, double popularity, double? current);
}
