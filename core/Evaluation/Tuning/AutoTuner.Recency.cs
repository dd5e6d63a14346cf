using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Tailor.Interactions;
using Tailor.Splits;
using Tailor.Training;

namespace Tailor.Evaluation.Tuning;

public sealed partial class AutoTuner
{
    /// <summary>The note of a trial measured on the temporal validation split.</summary>
    public const string TemporalValidationNote = "temporal validation split (each user's latest interactions)";

    /// <summary>
    /// The recency decay for the chosen configuration: none when <see cref="TrainingOptions.HalfLifeDays"/> is off or
    /// the timestamps do not spread; the configured half-life when it is a number; with <c>auto</c>, the best of off and
    /// each of <see cref="TrainingOptions.HalfLifeChoices"/> by NDCG on a temporal validation split carved from the
    /// training data (each user's latest interactions), where off wins ties, so choosing can only help there.
    /// </summary>
    private RecencyWeighting? ChooseRecency(
        InteractionMatrix train, long[] timestamps, TrainerCandidate candidate, long started, List<TuningTrial> trials, CancellationToken cancellationToken)
    {
        if (!RecencyWeighting.HasTimeSpread(timestamps))
        {
            return null;
        }

        if (_options.FixedHalfLifeDays is { } days)
        {
            return new RecencyWeighting(days, candidate.UsesBinaryInput);
        }

        if (!_options.SearchesHalfLife)
        {
            return null;
        }

        var split = DataSplitter.Temporal(train, timestamps, _options.ValidationFraction);
        var users = DataSplitter.TestUsers(split.Train, split.Test);
        if (users.Length == 0)
        {
            return null;
        }

        var now = Latest(split.TrainTimestamps!);
        var best = (Recency: (RecencyWeighting?)null, Ndcg: MeasureTemporal(candidate, split.Train, split, users, trials, cancellationToken));
        foreach (var halfLife in TrainingOptions.HalfLifeChoices)
        {
            if (_time.GetElapsedTime(started).TotalSeconds >= _options.BudgetSeconds)
            {
                break;
            }

            var recency = new RecencyWeighting(halfLife, candidate.UsesBinaryInput);
            var decayed = recency.Apply(split.Train, split.TrainTimestamps, now);
            var ndcg = MeasureTemporal(candidate.WithRecency(recency), decayed, split, users, trials, cancellationToken);
            if (ndcg > best.Ndcg)
            {
                best = (recency, ndcg);
            }
        }

        LogRecency(_logger, best.Recency?.HalfLifeDays.ToString(CultureInfo.InvariantCulture) ?? TrainingOptions.HalfLifeOff, best.Ndcg);
        return best.Recency;
    }

    /// <summary>Fits <paramref name="candidate"/> on <paramref name="fitOn"/> (the temporal split's training part, maybe
    /// decayed) and records its NDCG on the split's latest interactions; a refusal counts as −∞.</summary>
    private double MeasureTemporal(
        TrainerCandidate candidate, InteractionMatrix fitOn, DataSplit split, int[] users, List<TuningTrial> trials, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        IRecommender model;
        try
        {
            model = candidate.Create(1.0).Fit(fitOn, cancellationToken);
        }
        catch (TrainingRefusedException refused)
        {
            trials.Add(new TuningTrial(candidate.Algorithm, candidate.Parameters, null, watch.Elapsed.TotalSeconds, refused.Message));
            return double.NegativeInfinity;
        }

        var lists = Evaluator.Recommend(model, fitOn, users, _options.K, cancellationToken);
        var metrics = Evaluator.Measure(lists, users, split.Train, split.Test, _options.K);
        trials.Add(new TuningTrial(candidate.Algorithm, candidate.Parameters, metrics, watch.Elapsed.TotalSeconds, TemporalValidationNote));
        return metrics.Ndcg;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recency: half-life {HalfLife} (temporal validation NDCG {Ndcg:F4})")]
    private static partial void LogRecency(ILogger logger, string halfLife, double ndcg);
}
