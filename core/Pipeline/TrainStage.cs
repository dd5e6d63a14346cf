using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Interactions;
using Tailor.Models;
using Tailor.Snapshot;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Pipeline;

/// <summary>Tunes on the snapshot's training part (the tuner carves its own validation split from it and
/// never sees the holdout), then writes the chosen configuration fitted on the training part (the candidate)
/// and on all interactions (what promotion publishes).</summary>
public sealed partial class TrainStage(
    RunStore runs,
    StageRecords records,
    IOptions<TrainingOptions> options,
    TimeProvider time,
    ILogger<TrainStage> logger)
{
    /// <summary>Tunes and fits once per run and snapshot; a retried or resumed activity reuses the artifacts.</summary>
    public Task<TrainResult> RunAsync(SnapshotResult input, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(input.RunId, StageRecords.Stages.Train, input, ct => TrainAsync(input, ct), cancellationToken);

    private async Task<TrainResult> TrainAsync(SnapshotResult input, CancellationToken cancellationToken)
    {
        var snapshot = await runs.ReadSnapshotAsync(input.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        // Recency (half-life decay, trending window) is measured back from the snapshot's latest event.
        var now = snapshot.LatestTime;
        var tuning = new AutoTuner(options.Value, time, logger).Tune(snapshot.Train, snapshot.TrainTimes, now, cancellationToken);
        var training = options.Value;
        var trending = snapshot.TrainTimes is { } trainTimes && FallbackSelection.PrefersTrending(
            snapshot.Train, trainTimes, training.TrendingDays, training.ValidationFraction, training.K, training.MaxValidationUsers, training.Seed, cancellationToken);
        LogFallback(logger, input.RunId, trending ? "trending" : "popular");

        var candidateBlob = RunBlobs.Candidate(input.RunId);
        await WriteArtifactAsync(candidateBlob, snapshot, snapshot.Train, snapshot.TrainTimes, now, tuning, tuning.Model, trending, cancellationToken).ConfigureAwait(false);

        var watch = Stopwatch.StartNew();
        var (all, allTimes) = snapshot.AllWithTimes();
        var final = tuning.Trainer.Fit(Decayed(all, allTimes, now, tuning), cancellationToken);
        var finalFitSeconds = watch.Elapsed.TotalSeconds;
        var finalBlob = RunBlobs.Final(input.RunId);
        await WriteArtifactAsync(finalBlob, snapshot, all, allTimes, now, tuning, final, trending, cancellationToken).ConfigureAwait(false);

        var trialsBlob = RunBlobs.Trials(input.RunId);
        var trials = tuning.Trials.Select(TrialRecordOf).ToList();
        await runs.WriteJsonAsync(trialsBlob, trials, ModelJsonContext.Default.Options, cancellationToken).ConfigureAwait(false);

        LogTrained(logger, input.RunId, tuning.Chosen.Describe(), tuning.Trials.Count, tuning.TuningSeconds, tuning.FitSeconds, finalFitSeconds);
        return new TrainResult(
            candidateBlob, finalBlob, tuning.Model.Algorithm, tuning.FinalParameters, trialsBlob, trials.Count,
            tuning.TuningSeconds, tuning.FitSeconds, finalFitSeconds);
    }

    /// <summary>The artifact of <paramref name="model"/> fitted on <paramref name="interactions"/>: the history it serves
    /// with carries the weights the model was fitted on (decayed when the tuner chose a half-life); popularity counts
    /// users per item; trending (<paramref name="withTrending"/>: it beat popular on a temporal validation split) counts
    /// them over the recent window.</summary>
    private async Task WriteArtifactAsync(
        string blobName, InteractionSnapshot snapshot, InteractionMatrix interactions, long[]? times, long? now, TuningResult tuning, IRecommender model, bool withTrending, CancellationToken cancellationToken)
    {
        var popularity = (PopularityRecommender)new PopularityTrainer().Fit(interactions, cancellationToken);
        var trending = withTrending && times is not null && now is { } latest ? TrendingScores.Compute(interactions, times, latest, options.Value.TrendingDays) : null;
        var artifact = new ModelArtifact(snapshot.UserIds, snapshot.ItemIds, Decayed(interactions, times, now, tuning), popularity.Popularity.ToArray(), model)
        {
            Trending = trending,
        };
        await runs.WriteArtifactAsync(blobName, artifact, cancellationToken).ConfigureAwait(false);
    }

    private static InteractionMatrix Decayed(InteractionMatrix matrix, long[]? times, long? now, TuningResult tuning) =>
        tuning.Recency is { } recency && times is not null && now is { } latest ? recency.Apply(matrix, times, latest) : matrix;

    private static TrialRecord TrialRecordOf(TuningTrial trial) =>
        new(trial.Algorithm, trial.Parameters, trial.Validation?.Ndcg ?? double.NaN, trial.Seconds, trial.Note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: unknown users get the {Fallback} list")]
    private static partial void LogFallback(ILogger logger, string runId, string fallback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: chose {Choice} after {Trials} trials ({TuningSeconds:F1} s); fit {FitSeconds:F2} s, final fit {FinalFitSeconds:F2} s")]
    private static partial void LogTrained(ILogger logger, string runId, string choice, int trials, double tuningSeconds, double fitSeconds, double finalFitSeconds);
}
