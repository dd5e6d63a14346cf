using Tailor.Interactions;
using Tailor.Numerics;
using Tailor.Splits;
using Tailor.Training;

namespace Tailor.Evaluation;

/// <summary>Ranks items for held-out users and measures the lists against their test interactions.
/// Items the user has in training are excluded from the lists.</summary>
public static class Evaluator
{
    /// <summary>Evaluates <paramref name="model"/> on every user with at least one test interaction.
    /// <paramref name="test"/> may have more item columns than <paramref name="train"/> (items unseen in
    /// training: relevant, but never recommendable).</summary>
    public static MetricSet Evaluate(IRecommender model, InteractionMatrix train, InteractionMatrix test, int k = 10, CancellationToken cancellationToken = default)
    {
        var users = DataSplitter.TestUsers(train, test);
        var lists = Recommend(model, train, users, k, cancellationToken);
        return Measure(lists, users, train, test, k);
    }

    /// <summary>Metrics per bucket of training-history length. <paramref name="upperBounds"/> are the
    /// inclusive upper ends of all but the last (open) bucket, ascending, e.g. <c>[10, 50, 200]</c>.</summary>
    public static IReadOnlyList<ActivityBucket> EvaluateByActivity(
        IRecommender model, InteractionMatrix train, InteractionMatrix test, ReadOnlySpan<int> upperBounds, int k = 10, CancellationToken cancellationToken = default)
    {
        var users = DataSplitter.TestUsers(train, test);
        var lists = Recommend(model, train, users, k, cancellationToken);
        var buckets = new List<ActivityBucket>();
        var low = 0;
        for (var b = 0; b <= upperBounds.Length; b++)
        {
            var high = b < upperBounds.Length ? upperBounds[b] : int.MaxValue;
            var members = new List<int>();
            var memberLists = new List<int[]>();
            for (var i = 0; i < users.Length; i++)
            {
                var n = train.CountOf(users[i]);
                if (n >= low && n <= high)
                {
                    members.Add(users[i]);
                    memberLists.Add(lists[i]);
                }
            }

            buckets.Add(new ActivityBucket(low, high, Measure(memberLists.ToArray(), members.ToArray(), train, test, k)));
            low = high == int.MaxValue ? high : high + 1;
        }

        return buckets;
    }

    /// <summary>The activity bucket (index into the buckets <paramref name="upperBounds"/> define, as in
    /// <see cref="EvaluateByActivity"/>) of a training-history length.</summary>
    public static int BucketOf(int interactions, ReadOnlySpan<int> upperBounds)
    {
        for (var b = 0; b < upperBounds.Length; b++)
        {
            if (interactions <= upperBounds[b])
            {
                return b;
            }
        }

        return upperBounds.Length;
    }

    /// <summary>Top-<paramref name="k"/> unseen items for each of <paramref name="users"/>, in parallel.</summary>
    public static int[][] Recommend(IRecommender model, InteractionMatrix train, int[] users, int k, CancellationToken cancellationToken = default)
    {
        var lists = new int[users.Length][];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(
            0,
            users.Length,
            options,
            () => (Scores: new float[model.ItemCount], Top: new int[k]),
            (i, _, buffers) =>
            {
                lists[i] = RecommendOne(model, train, users[i], buffers.Scores, buffers.Top);
                return buffers;
            },
            _ => { });
        return lists;
    }

    /// <summary>Averages the metrics of precomputed lists (<paramref name="lists"/>[i] belongs to <paramref name="users"/>[i]).</summary>
    public static MetricSet Measure(int[][] lists, int[] users, InteractionMatrix train, InteractionMatrix test, int k)
    {
        if (users.Length == 0)
        {
            return MetricSet.Empty(k);
        }

        double precision = 0, recall = 0, ndcg = 0, map = 0, hit = 0, mrr = 0;
        for (var i = 0; i < users.Length; i++)
        {
            var relevant = test.ItemsOf(users[i]);
            var ranked = lists[i];
            precision += RankingMetrics.Precision(ranked, relevant, k);
            recall += RankingMetrics.Recall(ranked, relevant, k);
            ndcg += RankingMetrics.Ndcg(ranked, relevant, k);
            map += RankingMetrics.AveragePrecision(ranked, relevant, k);
            hit += RankingMetrics.HitRate(ranked, relevant, k);
            mrr += RankingMetrics.ReciprocalRank(ranked, relevant, k);
        }

        double n = users.Length;
        return new MetricSet(
            k, users.Length, precision / n, recall / n, ndcg / n, map / n, hit / n, mrr / n,
            CatalogCoverage(lists, train.ItemCount), Novelty(lists, train));
    }

    /// <summary>Share of the <paramref name="itemCount"/> catalog recommended to at least one user.</summary>
    public static double CatalogCoverage(int[][] lists, int itemCount)
    {
        if (itemCount == 0)
        {
            return 0;
        }

        var seen = new bool[itemCount];
        var distinct = 0;
        foreach (var list in lists)
        {
            foreach (var item in list)
            {
                if (item < itemCount && !seen[item])
                {
                    seen[item] = true;
                    distinct++;
                }
            }
        }

        return (double)distinct / itemCount;
    }

    /// <summary>Mean of −log2(max(users of item, 1) / users) over every recommended item.</summary>
    public static double Novelty(int[][] lists, InteractionMatrix train)
    {
        var userCounts = new int[train.ItemCount];
        foreach (var item in train.Columns)
        {
            userCounts[item]++;
        }

        double sum = 0;
        var count = 0;
        double users = Math.Max(train.UserCount, 1);
        foreach (var list in lists)
        {
            foreach (var item in list)
            {
                sum -= Math.Log2(Math.Max(userCounts[item], 1) / users);
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    private static int[] RecommendOne(IRecommender model, InteractionMatrix train, int user, float[] scores, int[] top)
    {
        var items = train.ItemsOf(user);
        model.Score(user, items, train.WeightsOf(user), scores);
        foreach (var item in items)
        {
            scores[item] = float.NegativeInfinity;
        }

        var n = TopK.Select(scores, top);
        return top[..n];
    }
}
