using System.Buffers;
using Tailor.Numerics;

namespace Tailor.Serving;

/// <summary>The scoring hot path: one pooled score buffer per request, masked exclusions, <see cref="TopK"/>.</summary>
internal static class ItemRanking
{
    /// <summary>Model scores for <paramref name="user"/> (or -1 with the given history), minus the excluded items.</summary>
    public static ScoredItem[] ByModel(LoadedModel model, int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights, ReadOnlySpan<int> exclude, int count)
    {
        var n = model.Artifact.ItemIds.Length;
        var rented = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var scores = rented.AsSpan(0, n);
            model.Artifact.Model.Score(user, history, weights, scores);
            Mask(scores, exclude);
            return Top(model, scores, count);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>The popularity fallback: the same list for everyone.</summary>
    public static ScoredItem[] ByPopularity(LoadedModel model, int count) => Top(model, model.Artifact.Popularity, count);

    /// <summary>Items ranked by how much their score rises when <paramref name="item"/> is an anonymous
    /// user's whole history, against an empty history; the item itself excluded.</summary>
    public static ScoredItem[] ByLift(LoadedModel model, int item, int count)
    {
        var n = model.Artifact.ItemIds.Length;
        var withItem = ArrayPool<float>.Shared.Rent(n);
        var baseline = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var lifted = withItem.AsSpan(0, n);
            var plain = baseline.AsSpan(0, n);
            ReadOnlySpan<int> history = [item];
            ReadOnlySpan<float> weights = [1f];
            model.Artifact.Model.Score(-1, history, weights, lifted);
            model.Artifact.Model.Score(-1, [], [], plain);
            System.Numerics.Tensors.TensorPrimitives.Subtract(lifted, plain, lifted);
            Mask(lifted, history);
            return Top(model, lifted, count);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(baseline);
            ArrayPool<float>.Shared.Return(withItem);
        }
    }

    private static void Mask(Span<float> scores, ReadOnlySpan<int> exclude)
    {
        foreach (var item in exclude)
        {
            scores[item] = float.NegativeInfinity;
        }
    }

    private static ScoredItem[] Top(LoadedModel model, ReadOnlySpan<float> scores, int count)
    {
        var k = Math.Min(count, scores.Length);
        var rented = ArrayPool<int>.Shared.Rent(k);
        try
        {
            var found = TopK.Select(scores, rented.AsSpan(0, k));
            var items = new ScoredItem[found];
            var ids = model.Artifact.ItemIds;
            for (var i = 0; i < found; i++)
            {
                var index = rented[i];
                var score = scores[index];

                // +∞ can be selected but not written as JSON; it ranks first either way.
                items[i] = new ScoredItem(ids[index], float.IsPositiveInfinity(score) ? float.MaxValue : score);
            }

            return items;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
