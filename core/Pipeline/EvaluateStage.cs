using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Models;
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
    IOptions<PipelineOptions> options,
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

        var candidateMetrics = Measure(candidate.Model, snapshot.Holdout);
        var popularityMetrics = Measure(new PopularityTrainer().Fit(snapshot.Train, cancellationToken), snapshot.Holdout);

        MetricSet? currentMetrics = null, candidateOnNew = null;
        long newInteractions = 0;
        var current = await pointer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            var version = current.Current.Version;
            var serving = await models.LoadArtifactAsync(version, cancellationToken).ConfigureAwait(false);
            var fresh = await FreshSinceAsync(version, snapshot, cancellationToken).ConfigureAwait(false);
            newInteractions = fresh.NonZeroCount;
            currentMetrics = Measure(new CurrentModelView(serving, snapshot.ItemIds), fresh);
            candidateOnNew = Measure(candidate.Model, fresh);
        }

        var result = new EvaluateResult(
            RunBlobs.Evaluation(input.Snapshot.RunId), k, candidateMetrics, popularityMetrics, currentMetrics,
            current?.Current.Version, current?.ETag.ToString(), watch.Elapsed.TotalSeconds)
        {
            CandidateOnNew = candidateOnNew,
            NewInteractions = newInteractions,
        };
        await runs.WriteJsonAsync(result.EvaluationBlob, result, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);

        LogEvaluated(logger, input.Snapshot.RunId, candidateMetrics.Ndcg, popularityMetrics.Ndcg, currentMetrics?.Ndcg);
        return result;

        MetricSet Measure(IRecommender model, InteractionMatrix holdout) =>
            Evaluator.Evaluate(model, snapshot.Train, holdout, k, cancellationToken);
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
