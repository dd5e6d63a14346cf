using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Interactions;
using Tailor.Models;
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
        var tuned = await TuneAsync(input, cancellationToken).ConfigureAwait(false);
        var data = tuned.Data;

        // Only what the final fit needs is reachable here: the ids and all interactions with their weights.
        var watch = Stopwatch.StartNew();
        var final = tuned.Trainer.Fit(data.Weighted, cancellationToken);
        var finalFitSeconds = watch.Elapsed.TotalSeconds;
        var finalBlob = RunBlobs.Final(input.RunId);
        await WriteArtifactAsync(finalBlob, data.UserIds, data.ItemIds, data.All, data.AllTimes, data.Now, data.Weighted, final, tuned.Trending, cancellationToken).ConfigureAwait(false);

        var trialsBlob = RunBlobs.Trials(input.RunId);
        var trials = tuned.Trials.Select(TrialRecordOf).ToList();
        await runs.WriteJsonAsync(trialsBlob, trials, ModelJsonContext.Default.Options, cancellationToken).ConfigureAwait(false);

        LogTrained(logger, input.RunId, tuned.Chosen.Describe(), tuned.Trials.Count, tuned.TuningSeconds, tuned.FitSeconds, finalFitSeconds);
        return new TrainResult(
            RunBlobs.Candidate(input.RunId), finalBlob, tuned.Algorithm, tuned.FinalParameters, trialsBlob, trials.Count,
            tuned.TuningSeconds, tuned.FitSeconds, finalFitSeconds);
    }

    /// <summary>Tunes on the snapshot's training part, writes the candidate, and hands on what the final fit needs. The
    /// snapshot's separate parts, the tuner's split and the candidate model become garbage when this returns.</summary>
    private async Task<Tuned> TuneAsync(SnapshotResult input, CancellationToken cancellationToken)
    {
        var snapshot = await runs.ReadSnapshotAsync(input.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        // Recency (half-life decay, trending window) is measured back from the snapshot's latest event.
        var now = snapshot.LatestTime;
        var tuning = new AutoTuner(options.Value, time, logger).Tune(snapshot.Train, snapshot.TrainTimes, now, cancellationToken);
        var training = options.Value;
        var trending = snapshot.TrainTimes is { } trainTimes && FallbackSelection.PrefersTrending(
            snapshot.Train, trainTimes, training.TrendingDays, training.ValidationFraction, training.K, training.MaxValidationUsers, training.Seed, cancellationToken);
        LogFallback(logger, input.RunId, trending ? "trending" : "popular");

        await WriteArtifactAsync(
            RunBlobs.Candidate(input.RunId), snapshot.UserIds, snapshot.ItemIds, snapshot.Train, snapshot.TrainTimes, now,
            Decayed(snapshot.Train, snapshot.TrainTimes, now, tuning.Recency), tuning.Model, trending, cancellationToken).ConfigureAwait(false);

        var (all, allTimes) = snapshot.AllWithTimes();
        var data = new FinalFitData(snapshot.UserIds, snapshot.ItemIds, all, allTimes, now, Decayed(all, allTimes, now, tuning.Recency));
        return new Tuned(
            tuning.Chosen, tuning.Trainer, tuning.Model.Algorithm, tuning.FinalParameters, tuning.Trials, tuning.TuningSeconds, tuning.FitSeconds, trending, data);
    }

    /// <summary>The artifact of <paramref name="model"/> fitted on <paramref name="weighted"/> (<paramref name="interactions"/>
    /// with the weights the model was fitted on: decayed when the tuner chose a half-life), which is also the history it
    /// serves with; popularity counts users per item; trending (<paramref name="withTrending"/>: it beat popular on a
    /// temporal validation split) counts them over the recent window.</summary>
    private async Task WriteArtifactAsync(
        string blobName, string[] userIds, string[] itemIds, InteractionMatrix interactions, long[]? times, long? now, InteractionMatrix weighted,
        IRecommender model, bool withTrending, CancellationToken cancellationToken)
    {
        var popularity = (PopularityRecommender)new PopularityTrainer().Fit(interactions, cancellationToken);
        var trending = withTrending && times is not null && now is { } latest ? TrendingScores.Compute(interactions, times, latest, options.Value.TrendingDays) : null;
        var artifact = new ModelArtifact(userIds, itemIds, weighted, popularity.Popularity.ToArray(), model)
        {
            Trending = trending,
        };
        await runs.WriteArtifactAsync(blobName, artifact, cancellationToken).ConfigureAwait(false);
    }

    private static InteractionMatrix Decayed(InteractionMatrix matrix, long[]? times, long? now, RecencyWeighting? recency) =>
        recency is not null && times is not null && now is { } latest ? recency.Apply(matrix, times, latest) : matrix;

    private static TrialRecord TrialRecordOf(TuningTrial trial) =>
        new(trial.Algorithm, trial.Parameters, trial.Validation?.Ndcg ?? double.NaN, trial.Seconds, trial.Note);

    /// <summary>What the final fit reads: the snapshot's ids, train and holdout merged with the time of each entry, and
    /// the weights the chosen configuration is fitted on (<see cref="All"/> itself without a recency decay).</summary>
    private sealed record FinalFitData(string[] UserIds, string[] ItemIds, InteractionMatrix All, long[]? AllTimes, long? Now, InteractionMatrix Weighted);

    /// <summary>The tuner's choice without its candidate model (written by then), and the final fit's data.</summary>
    private sealed record Tuned(
        TuningTrial Chosen, IRecommenderTrainer Trainer, string Algorithm, IReadOnlyDictionary<string, string> FinalParameters,
        IReadOnlyList<TuningTrial> Trials, double TuningSeconds, double FitSeconds, bool Trending, FinalFitData Data);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: unknown users get the {Fallback} list")]
    private static partial void LogFallback(ILogger logger, string runId, string fallback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: chose {Choice} after {Trials} trials ({TuningSeconds:F1} s); fit {FitSeconds:F2} s, final fit {FinalFitSeconds:F2} s")]
    private static partial void LogTrained(ILogger logger, string runId, string choice, int trials, double tuningSeconds, double fitSeconds, double finalFitSeconds);
}
