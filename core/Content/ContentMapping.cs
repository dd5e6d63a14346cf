using System.Buffers;
using System.Numerics.Tensors;
using Tailor.Numerics;
using Tailor.Training;
using Tailor.Training.Ials;

namespace Tailor.Content;

/// <summary>
/// What a model's warm items teach about items it has never seen, learned from content alone:
/// <list type="bullet">
/// <item><b>Ridge</b> (iALS): a regression from content features to item factors, fitted on the warm items
/// (<c>W = (XᵀX + λI)⁻¹ Xᵀ(V − v̄)</c>); a cold item's factor is <c>v̄ + Wᵀx</c> and its score for a user is
/// the dot product with the user's factor (folded in for a session), on the scale of the warm scores.</item>
/// <item><b>Content-kNN</b> (any other model, EASE and SAR included): the cold item's
/// <see cref="ContentSettings.Neighbors"/> most similar warm items by content cosine; its score is their
/// scores' similarity-weighted mean.</item>
/// </list>
/// Immutable; scoring is thread-safe.
/// </summary>
public sealed class ContentMapping
{
    private readonly IRecommender _model;
    private readonly ContentMatrix _warm;
    private readonly ContentMatrix _cold;
    private readonly int _neighbors;
    private readonly int[] _neighborItems;
    private readonly float[] _neighborWeights;
    private readonly float[]? _coldFactors;

    private ContentMapping(IRecommender model, ContentMatrix warm, ContentMatrix cold, int neighbors, int[] neighborItems, float[] neighborWeights, float[]? coldFactors)
    {
        _model = model;
        _warm = warm;
        _cold = cold;
        _neighbors = neighbors;
        _neighborItems = neighborItems;
        _neighborWeights = neighborWeights;
        _coldFactors = coldFactors;
    }

    /// <summary>"ridge" or "knn".</summary>
    public string Method => _coldFactors is null ? "knn" : "ridge";

    public int ColdCount => _cold.Count;

    public ContentMatrix Warm => _warm;

    public ContentMatrix Cold => _cold;

    /// <summary>Learns the mapping for <paramref name="model"/>. <paramref name="warm"/> has a row per model item
    /// (zeros where the catalog does not describe it); <paramref name="learnFrom"/> says which of them the mapping may
    /// learn from (null: all); <paramref name="cold"/> holds the rows of the items to score, described in the same call.</summary>
    public static ContentMapping Learn(
        IRecommender model, ContentMatrix warm, ContentMatrix cold, ContentSettings settings, ReadOnlySpan<bool> learnFrom = default)
    {
        if (warm.Count != model.ItemCount || warm.Dimension != cold.Dimension)
        {
            throw new ArgumentException("Warm rows must match the model's items and the cold rows' dimension.", nameof(warm));
        }

        var usable = new bool[warm.Count];
        for (var i = 0; i < warm.Count; i++)
        {
            usable[i] = (learnFrom.IsEmpty || learnFrom[i]) && TensorPrimitives.SumOfSquares(warm.RowOf(i)) > 0f;
        }

        var k = Math.Max(1, settings.Neighbors);
        var (items, weights) = Neighbors(warm, cold, usable, k);
        var factors = model is IalsRecommender ials ? Ridge(ials, warm, cold, usable, settings.RidgeLambda) : null;
        return new ContentMapping(model, warm, cold, k, items, weights, factors);
    }

    /// <summary>Writes each cold item's predicted score into <paramref name="coldScores"/> (NaN where it has no
    /// content neighbour). <paramref name="warmScores"/> are the model's raw scores for the same user (before any mask).</summary>
    public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights, ReadOnlySpan<float> warmScores, Span<float> coldScores)
    {
        if (_coldFactors is not null && _model is IalsRecommender ials)
        {
            var rented = ArrayPool<float>.Shared.Rent(ials.Factors);
            try
            {
                var factor = rented.AsSpan(0, ials.Factors);
                if ((uint)user < (uint)ials.UserCount)
                {
                    ials.UserFactorsOf(user).CopyTo(factor);
                }
                else
                {
                    ials.FoldIn(history, weights, factor);
                }

                DenseKernels.ScoreAll(_coldFactors, _cold.Count, ials.Factors, factor, coldScores);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(rented);
            }

            return;
        }

        for (var c = 0; c < _cold.Count; c++)
        {
            coldScores[c] = NeighborScore(c, warmScores);
        }
    }

    /// <summary>Content cosine of cold item <paramref name="cold"/> with every warm item.</summary>
    public void SimilarityToWarm(int cold, Span<float> similarities) =>
        DenseKernels.MatVec(_warm.Values, _warm.Count, _warm.Dimension, _cold.RowOf(cold), similarities);

    /// <summary>The similarity-weighted mean of the neighbours' scores; NaN without a neighbour.</summary>
    private float NeighborScore(int cold, ReadOnlySpan<float> warmScores)
    {
        float sum = 0f, total = 0f;
        for (var n = cold * _neighbors; n < (cold + 1) * _neighbors; n++)
        {
            var w = _neighborWeights[n];
            if (w <= 0f)
            {
                break;
            }

            sum += w * warmScores[_neighborItems[n]];
            total += w;
        }

        return total > 0f ? sum / total : float.NaN;
    }

    private static (int[] Items, float[] Weights) Neighbors(ContentMatrix warm, ContentMatrix cold, bool[] usable, int k)
    {
        var items = new int[cold.Count * k];
        var weights = new float[cold.Count * k];
        var similarities = new float[warm.Count];
        var top = new int[k];
        for (var c = 0; c < cold.Count; c++)
        {
            DenseKernels.MatVec(warm.Values, warm.Count, warm.Dimension, cold.RowOf(c), similarities);
            for (var i = 0; i < similarities.Length; i++)
            {
                if (!usable[i] || similarities[i] <= 0f)
                {
                    similarities[i] = float.NegativeInfinity;
                }
            }

            var found = TopK.Select(similarities, top);
            for (var n = 0; n < found; n++)
            {
                items[(c * k) + n] = top[n];
                weights[(c * k) + n] = similarities[top[n]];
            }
        }

        return (items, weights);
    }

    /// <summary>Cold items' factors by ridge regression from the warm items' content rows to their factors.</summary>
    private static float[] Ridge(IalsRecommender ials, ContentMatrix warm, ContentMatrix cold, bool[] usable, float lambda)
    {
        int d = warm.Dimension, f = ials.Factors;
        var rows = new List<int>();
        for (var i = 0; i < usable.Length; i++)
        {
            if (usable[i])
            {
                rows.Add(i);
            }
        }

        var mean = new float[f];
        foreach (var i in rows)
        {
            TensorPrimitives.Add(mean, ials.ItemFactorsOf(i), mean);
        }

        if (rows.Count > 0)
        {
            TensorPrimitives.Multiply(mean, 1f / rows.Count, mean);
        }

        var x = new float[rows.Count * d];
        for (var r = 0; r < rows.Count; r++)
        {
            warm.RowOf(rows[r]).CopyTo(x.AsSpan(r * d, d));
        }

        var gram = new float[d * d];
        DenseKernels.Gram(x, rows.Count, d, gram);
        for (var j = 0; j < d; j++)
        {
            gram[(j * d) + j] += lambda;
        }

        // Xᵀ(V − v̄), one contiguous d-vector per factor so each solves in place.
        var rhs = new float[f * d];
        var centered = new float[f];
        for (var r = 0; r < rows.Count; r++)
        {
            TensorPrimitives.Subtract(ials.ItemFactorsOf(rows[r]), mean, centered);
            var row = x.AsSpan(r * d, d);
            for (var q = 0; q < f; q++)
            {
                TensorPrimitives.MultiplyAdd(row, centered[q], rhs.AsSpan(q * d, d), rhs.AsSpan(q * d, d));
            }
        }

        if (!Cholesky.Factor(gram, d))
        {
            throw new InvalidOperationException("The regularized content Gram matrix is not positive definite.");
        }

        for (var q = 0; q < f; q++)
        {
            Cholesky.SolveFactored(gram, rhs.AsSpan(q * d, d), d);
        }

        var factors = new float[cold.Count * f];
        for (var c = 0; c < cold.Count; c++)
        {
            var content = cold.RowOf(c);
            var factor = factors.AsSpan(c * f, f);
            for (var q = 0; q < f; q++)
            {
                factor[q] = mean[q] + TensorPrimitives.Dot(rhs.AsSpan(q * d, d), content);
            }
        }

        return factors;
    }
}
