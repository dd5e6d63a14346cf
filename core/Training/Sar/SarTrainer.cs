using Tailor.Interactions;
using Tailor.Numerics;

namespace Tailor.Training.Sar;

/// <summary>
/// SAR / item-kNN: item–item similarity from co-occurrence counts, truncated to each item's top
/// neighbours; a user's score for item j is Σ over history items i of affinity(i) × sim(i, j).
/// Works sparsely (cost Σ over users of history²), so it scales to catalogs EASE refuses.
/// </summary>
public sealed class SarTrainer(SarOptions options) : IRecommenderTrainer
{
    public SarTrainer()
        : this(new SarOptions())
    {
    }

    public string Algorithm => SarRecommender.Name;

    public SarOptions Options => options;

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var n = train.ItemCount;
        var byItem = train.Transpose();
        var support = new float[n];
        for (var i = 0; i < n; i++)
        {
            support[i] = byItem.CountOf(i);
        }

        // RP3β walks weight each step by the inverse degree of the node it leaves.
        var inverseUserDegree = new float[train.UserCount];
        for (var u = 0; u < train.UserCount; u++)
        {
            inverseUserDegree[u] = train.CountOf(u) > 0 ? 1f / train.CountOf(u) : 0f;
        }

        var rows = new (int[] Items, float[] Sims)[n];
        Parallel.For(
            0,
            n,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new Scratch(n),
            (i, _, scratch) =>
            {
                rows[i] = Neighbours(train, byItem, support, inverseUserDegree, i, scratch);
                return scratch;
            },
            _ => { });

        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] = offsets[i] + rows[i].Items.Length;
        }

        var neighbours = new int[offsets[n]];
        var similarities = new float[offsets[n]];
        for (var i = 0; i < n; i++)
        {
            rows[i].Items.CopyTo(neighbours, offsets[i]);
            rows[i].Sims.CopyTo(similarities, offsets[i]);
        }

        return new SarRecommender(n, offsets, neighbours, similarities, options.Input);
    }

    private (int[] Items, float[] Sims) Neighbours(
        InteractionMatrix train, InteractionMatrix byItem, float[] support, float[] inverseUserDegree, int i, Scratch scratch)
    {
        var counts = scratch.Counts;
        var touched = scratch.Touched;
        var walk = options.Similarity == SarSimilarity.Rp3Beta;
        touched.Clear();
        foreach (var u in byItem.ItemsOf(i))
        {
            var step = walk ? inverseUserDegree[u] : 1f;
            foreach (var j in train.ItemsOf(u))
            {
                if (j == i)
                {
                    continue;
                }

                if (counts[j] == 0f)
                {
                    touched.Add(j);
                }

                counts[j] += step;
            }
        }

        var sims = new float[touched.Count];
        for (var t = 0; t < touched.Count; t++)
        {
            var j = touched[t];
            var c = counts[j];
            sims[t] = options.Similarity switch
            {
                SarSimilarity.Jaccard => c / (support[i] + support[j] - c),
                SarSimilarity.Cosine => c / MathF.Sqrt(support[i] * support[j]),
                SarSimilarity.Lift => c / (support[i] * support[j]),
                SarSimilarity.Rp3Beta => c / (support[i] * MathF.Pow(support[j], options.Beta)),
                _ => c,
            };
            counts[j] = 0f;
        }

        var keep = options.Neighbours <= 0 ? sims.Length : Math.Min(options.Neighbours, sims.Length);
        var top = new int[keep];
        keep = TopK.Select(sims, top);
        var items = new int[keep];
        var values = new float[keep];
        for (var t = 0; t < keep; t++)
        {
            items[t] = touched[top[t]];
            values[t] = sims[top[t]];
        }

        // Ascending item order keeps scoring's memory access forward-only.
        Array.Sort(items, values);
        return (items, values);
    }

    private sealed class Scratch(int itemCount)
    {
        public float[] Counts { get; } = new float[itemCount];

        public List<int> Touched { get; } = [];
    }
}
