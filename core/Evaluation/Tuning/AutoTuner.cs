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

    public TuningResult Tune(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var split = DataSplitter.StratifiedRandom(train, _options.ValidationFraction, _options.Seed);
        var search = new Search(this, split, started, cancellationToken);
        search.Run();
        var tuningSeconds = _time.GetElapsedTime(started).TotalSeconds;

        var (chosen, candidate) = search.Best();
        search.ReleaseModels();

        // EASE's λ acts against XᵀX, which grows with the data: scale it by full / validation-fit size.
        var scale = 1.0 / (1.0 - _options.ValidationFraction);
        var trainer = candidate.Create(scale);
        var fitWatch = Stopwatch.StartNew();
        var model = trainer.Fit(train, cancellationToken);
        var fitSeconds = fitWatch.Elapsed.TotalSeconds;
        LogChosen(_logger, chosen.Describe(), chosen.Validation?.Ndcg ?? 0, tuningSeconds, fitSeconds);

        return new TuningResult(chosen, trainer, model, candidate.ParametersAt(scale), search.Trials, tuningSeconds, fitSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {Trial}: validation NDCG {Ndcg:F4} in {Seconds:F2} s")]
    private static partial void LogTrial(ILogger logger, string trial, double ndcg, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {Trial} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string trial, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chose {Trial} (validation NDCG {Ndcg:F4}) after {TuningSeconds:F1} s of tuning; final fit {FitSeconds:F1} s")]
    private static partial void LogChosen(ILogger logger, string trial, double ndcg, double tuningSeconds, double fitSeconds);
}
