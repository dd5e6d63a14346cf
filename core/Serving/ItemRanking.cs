using System.Buffers;
using Tailor.Numerics;
using Tailor.Training;

namespace Tailor.Serving;

/// <summary>One item of a ranked page: its index in the model and its score.</summary>
internal readonly record struct RankedItem(int Index, float Score);

/// <summary>The scoring hot path: one pooled score buffer per request, the request's <see cref="CandidateMask"/>,
/// <see cref="TopK"/> of offset + count (ties by lower index, so pages agree), optional diversity, then the page.</summary>
internal static partial class ItemRanking
{
    /// <summary>With diversity, MMR re-ranks the top max(<see cref="DiversityPoolFactor"/> · (offset + count),
    /// <see cref="MinDiversityPool"/>) items: a pool that does not depend on the window while it stays at or
    /// below <see cref="MinDiversityPool"/> / <see cref="DiversityPoolFactor"/>, so pages of such windows agree.</summary>
    public const int DiversityPoolFactor = 3;

    public const int MinDiversityPool = 300;

    /// <summary>Model scores for <paramref name="user"/> (or -1 with the given history), masked.</summary>
    public static RankedItem[] ByModel(
        LoadedModel model, int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights, ReadOnlySpan<int> seen,
        CandidateMask mask, RecommendationRequest request, IItemSimilarity? similarity)
    {
        var n = model.Artifact.ItemIds.Length;
        var rented = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var scores = rented.AsSpan(0, n);
            model.Artifact.Model.Score(user, history, weights, scores);
            mask.Apply(model, scores, seen);
            return Rank(scores, request, similarity);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>A fallback (popular or trending <paramref name="fallback"/> scores): the same list for everyone, masked.</summary>
    public static RankedItem[] ByPopularity(LoadedModel model, float[] fallback, CandidateMask mask, RecommendationRequest request, IItemSimilarity? similarity)
    {
        var n = model.Artifact.ItemIds.Length;
        var rented = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var scores = rented.AsSpan(0, n);
            fallback.AsSpan(0, n).CopyTo(scores);
            mask.Apply(model, scores, []);
            return Rank(scores, request, similarity);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Items ranked by how much their score rises when <paramref name="item"/> is an anonymous
    /// user's whole history, against an empty history; the item itself masked.</summary>
    public static RankedItem[] ByLift(LoadedModel model, int item, CandidateMask mask, RecommendationRequest request, IItemSimilarity? similarity)
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
            mask.Apply(model, lifted, history);
            return Rank(lifted, request, similarity);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(baseline);
            ArrayPool<float>.Shared.Return(withItem);
        }
    }

    internal static RankedItem[] Rank(ReadOnlySpan<float> scores, RecommendationRequest request, IItemSimilarity? similarity)
    {
        var diversify = request.Diversity > 0f && similarity is not null;
        var window = Math.Min(request.Window, scores.Length);
        var depth = diversify ? Math.Min(Math.Max(window * DiversityPoolFactor, MinDiversityPool), scores.Length) : window;
        var rented = ArrayPool<int>.Shared.Rent(depth + window);
        try
        {
            var found = TopK.Select(scores, rented.AsSpan(0, depth));
            var ranked = rented.AsSpan(0, Math.Min(window, found));
            if (diversify)
            {
                var order = rented.AsSpan(depth, ranked.Length);
                DiversityReranking.Rerank(rented.AsSpan(0, found), scores, request.Diversity, similarity!, order);
                ranked = order;
            }

            if (ranked.Length <= request.Offset)
            {
                return [];
            }

            var page = ranked[request.Offset..];
            var items = new RankedItem[page.Length];
            for (var i = 0; i < page.Length; i++)
            {
                var score = scores[page[i]];

                // +∞ can be selected but not written as JSON; it ranks first either way.
                items[i] = new RankedItem(page[i], float.IsPositiveInfinity(score) ? float.MaxValue : score);
            }

            return items;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
