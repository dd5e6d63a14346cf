using Tailor.Evaluation.Tuning;
using Tailor.Interactions;
using Tailor.Splits;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Evaluation;

/// <summary>What recency buys on one split: the tuned model with the half-life off against the tuner's own choice
/// (<c>auto</c>), and, for users the model does not know, the trending fallback against the popular one.</summary>
/// <param name="Off">Test metrics of the tuned model with <see cref="TrainingOptions.HalfLifeDays"/> off.</param>
/// <param name="Tuned">Test metrics with <c>auto</c>.</param>
/// <param name="ChosenHalfLifeDays">The half-life <c>auto</c> chose (null: it kept off).</param>
/// <param name="OffAlgorithm">The algorithm tuned with the half-life off.</param>
/// <param name="TunedAlgorithm">The algorithm tuned with <c>auto</c>.</param>
/// <param name="Popular">The popular list for every test user (seen items excluded), as an unknown user gets it.</param>
/// <param name="Trending">The trending list likewise; null when the data has no timestamps reaching past the window.</param>
/// <param name="ColdPopular">The popular list for test users with at most <see cref="RecencyBenchmark.ColdUserInteractions"/> training interactions.</param>
/// <param name="ColdTrending">The trending list for those users.</param>
/// <param name="ColdUsers">How many test users are cold.</param>
/// <param name="TrendingDays">The trending window.</param>
/// <param name="TrendingChosen">Whether training would serve trending (<see cref="FallbackSelection.PrefersTrending"/> on the training part).</param>
public sealed record RecencyReport(
    MetricSet Off, MetricSet Tuned, double? ChosenHalfLifeDays, string OffAlgorithm, string TunedAlgorithm,
    MetricSet Popular, MetricSet? Trending, MetricSet? ColdPopular, MetricSet? ColdTrending, int ColdUsers, int TrendingDays, bool TrendingChosen);

public static class RecencyBenchmark
{
    /// <summary>Users with at most this many training interactions count as cold.</summary>
    public const int ColdUserInteractions = 5;

    public static RecencyReport Run(InteractionDataset data, SplitKind splitKind, int k, TrainingOptions training, CancellationToken cancellationToken = default)
    {
        var split = AlgorithmBenchmark.Split(data, splitKind);
        var times = split.TrainTimestamps;
        var now = times is { Length: > 0 } ? times.Max() : (long?)null;

        var off = new AutoTuner(training with { K = k, HalfLifeDays = TrainingOptions.HalfLifeOff }).Tune(split.Train, times, now, cancellationToken);
        var auto = new AutoTuner(training with { K = k, HalfLifeDays = TrainingOptions.HalfLifeAuto }).Tune(split.Train, times, now, cancellationToken);
        var offMetrics = Evaluator.Evaluate(off.Model, split.Train, split.Test, k, cancellationToken);
        var autoMetrics = Evaluator.Evaluate(auto.Model, Served(split.Train, times, now, auto), split.Test, k, cancellationToken);

        var popular = (PopularityRecommender)new PopularityTrainer().Fit(split.Train, cancellationToken);
        var trendingScores = times is not null && now is { } latest ? TrendingScores.Compute(split.Train, times, latest, training.TrendingDays) : null;
        var trending = trendingScores is null ? null : new PopularityRecommender(trendingScores);
        var cold = DataSplitter.TestUsers(split.Train, split.Test).Where(u => split.Train.CountOf(u) <= ColdUserInteractions).ToArray();

        return new RecencyReport(
            offMetrics, autoMetrics, auto.Recency?.HalfLifeDays, off.Model.Algorithm, auto.Model.Algorithm,
            Evaluator.Evaluate(popular, split.Train, split.Test, k, cancellationToken),
            trending is null ? null : Evaluator.Evaluate(trending, split.Train, split.Test, k, cancellationToken),
            cold.Length == 0 ? null : On(popular, split, cold, k, cancellationToken),
            cold.Length == 0 || trending is null ? null : On(trending, split, cold, k, cancellationToken),
            cold.Length,
            training.TrendingDays,
            times is not null && FallbackSelection.PrefersTrending(
                split.Train, times, training.TrendingDays, training.ValidationFraction, k, training.MaxValidationUsers, training.Seed, cancellationToken));
    }

    /// <summary>The history a decayed model scores from, as serving keeps it: decayed like its training data.</summary>
    private static InteractionMatrix Served(InteractionMatrix train, long[]? times, long? now, TuningResult tuning) =>
        tuning.Recency is { } recency && times is not null && now is { } latest ? recency.Apply(train, times, latest) : train;

    private static MetricSet On(IRecommender model, DataSplit split, int[] users, int k, CancellationToken cancellationToken) =>
        Evaluator.Measure(Evaluator.Recommend(model, split.Train, users, k, cancellationToken), users, split.Train, split.Test, k);
}
