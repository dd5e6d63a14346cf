using Tailor.Interactions;

namespace Tailor.Evaluation;

/// <summary>
/// The sums behind a <see cref="MetricSet"/> over a group of users: per-user ranking metrics (from
/// <see cref="RankingMetrics"/>), the self-information of every recommended item, and the distinct items recommended.
/// The sums are exact, in fixed point with 64 fractional bits, so the sums of disjoint user ranges add up, in any order
/// and any number of parts, to the very same sums over all of them: what a sharded evaluation exchanges.
/// </summary>
public sealed class MetricSums
{
    private const int FractionBits = 64;

    private readonly HashSet<int> _items = [];

    public int Users { get; set; }

    public Int128 Precision { get; set; }

    public Int128 Recall { get; set; }

    public Int128 Ndcg { get; set; }

    public Int128 Map { get; set; }

    public Int128 HitRate { get; set; }

    public Int128 Mrr { get; set; }

    /// <summary>Sum of −log2(p) over every recommended item (see <see cref="Evaluator.Novelty"/>).</summary>
    public Int128 Novelty { get; set; }

    /// <summary>How many items were recommended in all (the novelty's denominator).</summary>
    public long Recommended { get; set; }

    /// <summary>The distinct items recommended, ascending (the coverage's numerator is their count).</summary>
    public int[] Items
    {
        get
        {
            var items = _items.ToArray();
            Array.Sort(items);
            return items;
        }

        set
        {
            _items.Clear();
            _items.UnionWith(value);
        }
    }

    /// <summary>Adds one user's list against the user's held-out items; <paramref name="selfInformation"/>[item] is
    /// the item's −log2(p) over the training users.</summary>
    public void Add(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k, ReadOnlySpan<double> selfInformation)
    {
        Users++;
        Precision += Fixed(RankingMetrics.Precision(ranked, relevant, k));
        Recall += Fixed(RankingMetrics.Recall(ranked, relevant, k));
        Ndcg += Fixed(RankingMetrics.Ndcg(ranked, relevant, k));
        Map += Fixed(RankingMetrics.AveragePrecision(ranked, relevant, k));
        HitRate += Fixed(RankingMetrics.HitRate(ranked, relevant, k));
        Mrr += Fixed(RankingMetrics.ReciprocalRank(ranked, relevant, k));
        foreach (var item in ranked)
        {
            Novelty += Fixed(selfInformation[item]);
            Recommended++;
            _items.Add(item);
        }
    }

    /// <summary>Adds the sums of another, disjoint group of users.</summary>
    public void Add(MetricSums other)
    {
        Users += other.Users;
        Precision += other.Precision;
        Recall += other.Recall;
        Ndcg += other.Ndcg;
        Map += other.Map;
        HitRate += other.HitRate;
        Mrr += other.Mrr;
        Novelty += other.Novelty;
        Recommended += other.Recommended;
        _items.UnionWith(other._items);
    }

    /// <summary>The means, with coverage over a catalog of <paramref name="itemCount"/> training items.</summary>
    public MetricSet ToMetricSet(int k, int itemCount)
    {
        if (Users == 0)
        {
            return MetricSet.Empty(k);
        }

        double n = Users;
        return new MetricSet(
            k, Users, Mean(Precision), Mean(Recall), Mean(Ndcg), Mean(Map), Mean(HitRate), Mean(Mrr),
            itemCount == 0 ? 0 : (double)_items.Count / itemCount,
            Recommended == 0 ? 0 : Math.ScaleB((double)Novelty, -FractionBits) / Recommended);

        double Mean(Int128 sum) => Math.ScaleB((double)sum, -FractionBits) / n;
    }

    /// <summary>Per item, −log2(max(training users of the item, 1) / training users), as <see cref="Evaluator.Novelty"/> counts it.</summary>
    public static double[] SelfInformation(InteractionMatrix train)
    {
        var userCounts = new int[train.ItemCount];
        foreach (var item in train.Columns)
        {
            userCounts[item]++;
        }

        double users = Math.Max(train.UserCount, 1);
        var result = new double[train.ItemCount];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = -Math.Log2(Math.Max(userCounts[i], 1) / users);
        }

        return result;
    }

    private static Int128 Fixed(double value) => (Int128)Math.ScaleB(value, FractionBits);
}
