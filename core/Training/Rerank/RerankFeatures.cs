using System.Buffers;
using Tailor.Interactions;
using Tailor.Numerics;

namespace Tailor.Training.Rerank;

/// <summary>
/// Candidates and features for re-ranking. Candidates are the top <see cref="RerankOptions.Candidates"/>
/// unseen items of the equal-weight sum of the base models' per-user min-max-normalised scores (popularity
/// excluded). Features of a candidate, all scale-free so that a ranker trained on validation data transfers
/// to a model refitted on more data: each base model's score min-max-normalised over the candidates, the
/// candidate's rank / candidates, the item's popularity / the largest popularity, and the user's history
/// length / the mean history length.
/// </summary>
internal sealed class RerankFeatures(IRecommender[] bases, float[] popularity, float meanHistory)
{
    private readonly float _maxPopularity = Math.Max(1f, popularity.Length == 0 ? 1f : popularity.Max());

    public int Width => bases.Length + 3;

    public static RerankFeatures Create(IRecommender[] bases, InteractionMatrix train)
    {
        var popularity = new float[train.ItemCount];
        foreach (var item in train.Columns)
        {
            popularity[item] += 1f;
        }

        return new RerankFeatures(bases, popularity, Math.Max(1f, (float)train.NonZeroCount / Math.Max(1, train.UserCount)));
    }

    public IRecommender[] Bases => bases;

    public float[] Popularity => popularity;

    public float MeanHistory => meanHistory;

    /// <summary>Fills <paramref name="candidates"/> (best first by the base sum) and returns how many there are;
    /// <paramref name="features"/> gets <see cref="Width"/> values per candidate; <paramref name="baseSum"/>
    /// (length items) gets the normalised base sum, history masked with −∞.</summary>
    public int Compute(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<int> candidates, Span<float> features, Span<float> baseSum)
    {
        var n = popularity.Length;
        var perModel = ArrayPool<float>.Shared.Rent(n * bases.Length);
        try
        {
            baseSum[..n].Clear();
            for (var m = 0; m < bases.Length; m++)
            {
                var s = perModel.AsSpan(m * n, n);
                bases[m].Score(user, items, weights, s);
                foreach (var h in items)
                {
                    s[h] = float.NegativeInfinity;
                }

                AddNormalised(s, baseSum);
            }

            foreach (var h in items)
            {
                baseSum[h] = float.NegativeInfinity;
            }

            var count = TopK.Select(baseSum[..n], candidates);
            var width = Width;
            for (var m = 0; m < bases.Length; m++)
            {
                var s = perModel.AsSpan(m * n, n);
                float min = float.PositiveInfinity, max = float.NegativeInfinity;
                for (var c = 0; c < count; c++)
                {
                    min = Math.Min(min, s[candidates[c]]);
                    max = Math.Max(max, s[candidates[c]]);
                }

                for (var c = 0; c < count; c++)
                {
                    var v = s[candidates[c]];
                    features[(c * width) + m] = max > min && float.IsFinite(v) ? (v - min) / (max - min) : 0f;
                }
            }

            var activity = items.Length / meanHistory;
            for (var c = 0; c < count; c++)
            {
                features[(c * width) + bases.Length] = (float)c / candidates.Length;
                features[(c * width) + bases.Length + 1] = popularity[candidates[c]] / _maxPopularity;
                features[(c * width) + bases.Length + 2] = activity;
            }

            return count;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(perModel);
        }
    }

    private static void AddNormalised(ReadOnlySpan<float> s, Span<float> sum)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in s)
        {
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (!(max > min))
        {
            return;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (float.IsFinite(s[i]))
            {
                sum[i] += (s[i] - min) / (max - min);
            }
        }
    }
}
