using System.Globalization;
using Tailor.Segments;

namespace Tailor.Serving;

public sealed partial class RecommendationService
{
    /// <summary>A light user's page (strategy <c>segment</c>): the model's top window and the segment's popular items
    /// that pass the request's mask, placed by <see cref="SegmentBlend"/>. Scores are the blend's rank scores
    /// (1 for the first item, falling evenly), since model scores and segment shares are not on one scale; with
    /// <c>explain</c>, model items keep their <c>because</c> and segment items give a <c>reason</c>.</summary>
    private ServingResult<RecommendationResult> SegmentBlended(
        LoadedModel model, SegmentSummary segment, CandidateMask mask, RecommendationRequest request,
        int user, ReadOnlySpan<int> seen, ReadOnlySpan<float> weights)
    {
        var window = request with { Offset = 0, Count = request.Window };
        var dominant = ModelParts.Dominant(model.Artifact.Model);
        var ranked = ItemRanking.ByModel(model, user, seen, weights, seen, mask, window, Similarity(model, mask, window, dominant));
        var scored = Page(model, ranked, window, RecommendationStrategy.Segment, mask, dominant, user, seen, weights);

        var allowed = new float[model.Artifact.ItemIds.Length];
        Array.Fill(allowed, float.NegativeInfinity);
        var popular = new List<int>(segment.PopularItems.Count);
        foreach (var item in segment.PopularItems)
        {
            if (model.ItemIndex.TryGetValue(item.ItemId, out var index))
            {
                allowed[index] = 1;
                popular.Add(index);
            }
        }

        mask.Apply(model, allowed, seen);
        popular.RemoveAll(i => float.IsNegativeInfinity(allowed[i]));

        var fromModel = new Dictionary<int, ScoredItem>(ranked.Length);
        var modelOrder = new int[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            modelOrder[i] = ranked[i].Index;
            fromModel[ranked[i].Index] = scored[i];
        }

        var blended = SegmentBlend.Fill(modelOrder, [.. popular], request.Window, _segmentSlots);
        var reason = string.Create(CultureInfo.InvariantCulture, $"popular in segment {segment.SegmentId} ({segment.Label})");
        var items = new List<ScoredItem>(request.Count);
        for (var position = request.Offset; position < blended.Length; position++)
        {
            var score = 1f - (position / (float)request.Window);
            var index = blended[position];
            items.Add(fromModel.TryGetValue(index, out var own)
                ? own with { Score = score }
                : new ScoredItem(model.Artifact.ItemIds[index], score) { Reason = request.Explain ? reason : null });
        }

        return Ok(model, RecommendationStrategy.Segment, [.. items]);
    }
}
