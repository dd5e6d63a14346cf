namespace Tailor.Evaluation;

/// <summary>
/// Per-user ranking metrics at k with binary relevance. <c>ranked</c> is the recommendation list, best
/// first (at most k long; a shorter list counts the missing positions as misses); <c>relevant</c> is the
/// user's held-out items in ascending order.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Hits in the top k divided by k.</summary>
    public static double Precision(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        (double)Hits(ranked, relevant, k) / k;

    /// <summary>Hits in the top k divided by the number of relevant items.</summary>
    public static double Recall(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        relevant.Length == 0 ? 0 : (double)Hits(ranked, relevant, k) / relevant.Length;

    /// <summary>DCG with gain 1/log2(rank + 1) over the ideal DCG of min(relevant, k) hits.</summary>
    public static double Ndcg(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        if (relevant.Length == 0)
        {
            return 0;
        }

        var dcg = 0.0;
        var n = Math.Min(k, ranked.Length);
        for (var r = 0; r < n; r++)
        {
            if (relevant.BinarySearch(ranked[r]) >= 0)
            {
                dcg += 1.0 / Math.Log2(r + 2);
            }
        }

        var ideal = 0.0;
        for (var r = 0; r < Math.Min(k, relevant.Length); r++)
        {
            ideal += 1.0 / Math.Log2(r + 2);
        }

        return dcg / ideal;
    }

    /// <summary>Average precision at k: the sum of precision@r over the ranks r of hits, divided by min(relevant, k).</summary>
    public static double AveragePrecision(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        if (relevant.Length == 0)
        {
            return 0;
        }

        var hits = 0;
        var sum = 0.0;
        var n = Math.Min(k, ranked.Length);
        for (var r = 0; r < n; r++)
        {
            if (relevant.BinarySearch(ranked[r]) >= 0)
            {
                hits++;
                sum += (double)hits / (r + 1);
            }
        }

        return sum / Math.Min(relevant.Length, k);
    }

    /// <summary>1 when any of the top k is relevant, else 0.</summary>
    public static double HitRate(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        Hits(ranked, relevant, k) > 0 ? 1 : 0;

    /// <summary>Reciprocal rank of the first relevant item in the top k (0 when none).</summary>
    public static double ReciprocalRank(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        var n = Math.Min(k, ranked.Length);
        for (var r = 0; r < n; r++)
        {
            if (relevant.BinarySearch(ranked[r]) >= 0)
            {
                return 1.0 / (r + 1);
            }
        }

        return 0;
    }

    public static int Hits(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        var hits = 0;
        var n = Math.Min(k, ranked.Length);
        for (var r = 0; r < n; r++)
        {
            if (relevant.BinarySearch(ranked[r]) >= 0)
            {
                hits++;
            }
        }

        return hits;
    }
}
