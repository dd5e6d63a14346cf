using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Evaluation;
using Tailor.Models;
using Tailor.Storage;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Pipeline;

/// <summary>Judges the candidate on the holdout against the popularity baseline and the model now serving.</summary>
public sealed partial class EvaluateStage(
    TailorStorage storage,
    ModelStore models,
    ModelPointer pointer,
    IOptions<PipelineOptions> options,
    ILogger<EvaluateStage> logger)
{
    public async Task<EvaluateResult> RunAsync(EvaluateRequest input, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var k = options.Value.MetricsAt;
        var snapshot = await SnapshotStore.ReadAsync(storage, input.Snapshot.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var candidate = await ReadArtifactAsync(input.Candidate.CandidateBlob, cancellationToken).ConfigureAwait(false);

        var candidateMetrics = Measure(candidate.Model);
        var popularityMetrics = Measure(new PopularityTrainer().Fit(snapshot.Train, cancellationToken));

        HoldoutMetrics? currentMetrics = null;
        var current = await pointer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            var serving = await models.LoadArtifactAsync(current.Current.Version, cancellationToken).ConfigureAwait(false);
            currentMetrics = Measure(new CurrentModelView(serving, snapshot.ItemIds));
        }

        var result = new EvaluateResult(
            RunBlobs.Evaluation(input.Snapshot.RunId), k, candidateMetrics, popularityMetrics, currentMetrics,
            current?.Current.Version, current?.ETag.ToString(), watch.Elapsed.TotalSeconds);
        await using (var stream = await storage.Snapshots.GetBlobClient(result.EvaluationBlob).OpenWriteAsync(true, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, result, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }

        LogEvaluated(logger, input.Snapshot.RunId, candidateMetrics.Ndcg, popularityMetrics.Ndcg, currentMetrics?.Ndcg);
        return result;

        HoldoutMetrics Measure(IRecommender model) => ToHoldoutMetrics(Evaluator.Evaluate(model, snapshot.Train, snapshot.Holdout, k, cancellationToken));
    }

    public static HoldoutMetrics ToHoldoutMetrics(MetricSet m) =>
        new(m.Precision, m.Recall, m.Ndcg, m.Map, m.HitRate, m.Mrr, m.Coverage, m.Users);

    private async Task<ModelArtifact> ReadArtifactAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await storage.Snapshots.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ModelArtifact.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: holdout NDCG candidate {Candidate:F4}, popularity {Popularity:F4}, current {Current}")]
    private static partial void LogEvaluated(ILogger logger, string runId, double candidate, double popularity, double? current);
}
