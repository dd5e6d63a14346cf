using Tailor.Interactions;
using Tailor.Splits;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Evaluation;

/// <summary>Which list serves users the model does not know: <c>trending</c> only where it beats <c>popular</c> on a
/// temporal validation split (each user's latest interactions held out), so the choice cannot make that list worse.</summary>
public static class FallbackSelection
{
    /// <summary>Whether trending over <paramref name="windowDays"/> ranks each user's latest interactions better than
    /// overall popularity, measured by NDCG@<paramref name="k"/> on a temporal split of <paramref name="matrix"/>
    /// (at most <paramref name="maxUsers"/> users, a seeded sample). False when trending has nothing to say.</summary>
    public static bool PrefersTrending(
        InteractionMatrix matrix, long[] timestamps, int windowDays, double validationFraction, int k, int maxUsers, int seed,
        CancellationToken cancellationToken = default)
    {
        if (windowDays <= 0 || timestamps.Length != matrix.NonZeroCount || timestamps.Length == 0)
        {
            return false;
        }

        var split = DataSplitter.Temporal(matrix, timestamps, validationFraction);
        var users = Sample(DataSplitter.TestUsers(split.Train, split.Test), maxUsers, seed);
        var trainTimes = split.TrainTimestamps!;
        if (users.Length == 0 || trainTimes.Length == 0)
        {
            return false;
        }

        var trending = TrendingScores.Compute(split.Train, trainTimes, trainTimes.Max(), windowDays);
        if (trending is null)
        {
            return false;
        }

        var popular = new PopularityTrainer().Fit(split.Train, cancellationToken);
        return Ndcg(new PopularityRecommender(trending), split, users, k, cancellationToken) > Ndcg(popular, split, users, k, cancellationToken);
    }

    private static double Ndcg(IRecommender model, DataSplit split, int[] users, int k, CancellationToken cancellationToken) =>
        Evaluator.Measure(Evaluator.Recommend(model, split.Train, users, k, cancellationToken), users, split.Train, split.Test, k).Ndcg;

    private static int[] Sample(int[] users, int max, int seed)
    {
        if (users.Length <= max)
        {
            return users;
        }

        var sample = (int[])users.Clone();
        new Random(seed).Shuffle(sample);
        var kept = sample[..max];
        Array.Sort(kept);
        return kept;
    }
}
