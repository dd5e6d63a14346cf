using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Evaluation.Tuning;

/// <summary>
/// Picks an algorithm and its hyperparameters automatically. It sees only the training matrix: it carves a
/// validation split from it (per-user stratified, <see cref="TrainingOptions.Seed"/>), runs trials of each
/// enabled algorithm within <see cref="TrainingOptions.BudgetSeconds"/>, picks the best configuration (or
/// blend) by validation NDCG@k, and refits it on all of the training data.
/// </summary>
public sealed partial class AutoTuner
{
    private readonly TrainingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AutoTuner(TrainingOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public TuningResult Tune(InteractionMatrix train, CancellationToken cancellationToken = default) =>
        Tune(train, null, null, cancellationToken);

    /// <summary>Tunes on <paramref name="train"/>; with <paramref name="timestamps"/> (Unix ms per entry) and
    /// <see cref="TrainingOptions.HalfLifeDays"/> not <c>off</c>, also decides the recency decay (measured back from
    /// <paramref name="nowUnixMilliseconds"/>, default the latest timestamp) and fits the returned model on decayed weights.</summary>
    public TuningResult Tune(InteractionMatrix train, long[]? timestamps, long? nowUnixMilliseconds, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var (chosen, candidate, trials) = SearchTrials(train, started, cancellationToken);
        var recency = timestamps is null ? null : ChooseRecency(train, timestamps, candidate, started, trials, cancellationToken);
        var tuningSeconds = _time.GetElapsedTime(started).TotalSeconds;

        var fitOn = train;
        if (recency is not null)
        {
            candidate = candidate.WithRecency(recency);
            fitOn = recency.Apply(train, timestamps, nowUnixMilliseconds ?? Latest(timestamps!));
        }

        // EASE's λ acts against XᵀX, which grows with the data: scale it by full / validation-fit size.
        var scale = 1.0 / (1.0 - _options.ValidationFraction);
        var trainer = candidate.Create(scale);
        var fitWatch = Stopwatch.StartNew();
        var model = trainer.Fit(fitOn, cancellationToken);
        var fitSeconds = fitWatch.Elapsed.TotalSeconds;
        LogChosen(_logger, chosen.Describe(), chosen.Validation?.Ndcg ?? 0, tuningSeconds, fitSeconds);

        return new TuningResult(chosen, trainer, model, candidate.ParametersAt(scale), trials, tuningSeconds, fitSeconds) { Recency = recency };
    }

    /// <summary>Runs the trials on a validation split carved from <paramref name="train"/> and picks the winner. The
    /// split and the trials' fitted models are unreachable once this returns, so the final fit never shares memory
    /// with them.</summary>
    private (TuningTrial Chosen, TrainerCandidate Candidate, List<TuningTrial> Trials) SearchTrials(
        InteractionMatrix train, long started, CancellationToken cancellationToken)
    {
        var split = DataSplitter.StratifiedRandom(train, _options.ValidationFraction, _options.Seed);
        var search = new Search(this, split, started, cancellationToken);
        search.Run();
        var (chosen, candidate) = search.Best();
        return (chosen, candidate, search.Trials.ToList());
    }

    private static long Latest(ReadOnlySpan<long> timestamps)
    {
        var latest = long.MinValue;
        foreach (var t in timestamps)
        {
            latest = Math.Max(latest, t);
        }

        return latest;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {Trial}: validation NDCG {Ndcg:F4} in {Seconds:F2} s")]
    private static partial void LogTrial(ILogger logger, string trial, double ndcg, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {Trial} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string trial, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chose {Trial} (validation NDCG {Ndcg:F4}) after {TuningSeconds:F1} s of tuning; final fit {FitSeconds:F1} s")]
    private static partial void LogChosen(ILogger logger, string trial, double ndcg, double tuningSeconds, double fitSeconds);
}
