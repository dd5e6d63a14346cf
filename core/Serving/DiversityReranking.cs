using System.Buffers;
using Tailor.Training;

namespace Tailor.Serving;

/// <summary>Maximal marginal relevance (Carbonell and Goldstein, 1998): picks, one at a time, the candidate with
/// the best (1 − λ) · relevance − λ · (largest similarity to an item already picked). Relevance is the score
/// min-max normalised over the candidates; similarity comes from the model (<see cref="IItemSimilarity"/>, −1 to 1).</summary>
internal static class DiversityReranking
{
    /// <summary>Writes into <paramref name="into"/> the first <paramref name="into"/>.Length items of the MMR
    /// order of <paramref name="candidates"/> (item indices, best score first). Ties go to the better-ranked
    /// candidate, so λ = 0 returns the candidates' own order.</summary>
    public static void Rerank(ReadOnlySpan<int> candidates, ReadOnlySpan<float> scores, float lambda, IItemSimilarity similarity, Span<int> into)
    {
        var pool = candidates.Length;
        var take = Math.Min(into.Length, pool);
        var rentedFloats = ArrayPool<float>.Shared.Rent(2 * pool);
        var rentedTaken = ArrayPool<bool>.Shared.Rent(pool);
        try
        {
            var relevance = rentedFloats.AsSpan(0, pool);
            var nearest = rentedFloats.AsSpan(pool, pool);
            var taken = rentedTaken.AsSpan(0, pool);
            taken.Clear();
            Normalise(candidates, scores, relevance);
            nearest.Clear(); // before the first pick nothing is near: relevance alone decides

            for (var t = 0; t < take; t++)
            {
                var best = -1;
                var bestValue = float.NegativeInfinity;
                for (var p = 0; p < pool; p++)
                {
                    if (taken[p])
                    {
                        continue;
                    }

                    var value = ((1f - lambda) * relevance[p]) - (lambda * nearest[p]);
                    if (best < 0 || value > bestValue)
                    {
                        best = p;
                        bestValue = value;
                    }
                }

                taken[best] = true;
                into[t] = candidates[best];
                for (var p = 0; p < pool; p++)
                {
                    if (!taken[p])
                    {
                        var s = similarity.Similarity(candidates[best], candidates[p]);
                        nearest[p] = t == 0 ? s : Math.Max(nearest[p], s);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(rentedTaken);
            ArrayPool<float>.Shared.Return(rentedFloats);
        }
    }

    private static void Normalise(ReadOnlySpan<int> candidates, ReadOnlySpan<float> scores, Span<float> relevance)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var item in candidates)
        {
            min = Math.Min(min, Finite(scores[item]));
            max = Math.Max(max, Finite(scores[item]));
        }

        var range = max - min;
        for (var p = 0; p < candidates.Length; p++)
        {
            relevance[p] = range > 0f ? (Finite(scores[candidates[p]]) - min) / range : 1f;
        }
    }

    private static float Finite(float score) => float.IsPositiveInfinity(score) ? float.MaxValue / 4 : score;
}
