using System.Buffers;
using Tailor.Content;
using Tailor.Training;

namespace Tailor.Serving;

/// <summary>An item that takes a fresh slot: its id, predicted score and whether it came from content (a cold item).</summary>
internal readonly record struct FreshPick(string ItemId, float Score, bool Cold);

/// <summary>When fresh slots apply to a request: how many, how new, the score floor and the request's time.</summary>
internal sealed record FreshSlotRule(int Slots, DateTimeOffset Since, double Floor);

internal static partial class ItemRanking
{
    /// <summary>As <see cref="ByModel"/>, and the items for the request's fresh slots: the best-scoring items created
    /// since <see cref="FreshSlotRule.Since"/> that are not already on the page — warm ones by their model score, cold
    /// ones by their content-predicted score (from the raw scores, before the mask) — each kept only when it
    /// outscores at least <see cref="FreshSlotRule.Floor"/> of the user's candidate items. Fresh items already on
    /// the page use up slots.</summary>
    public static (RankedItem[] Ranked, FreshPick[] Fresh) ByModelWithFresh(
        LoadedModel model, int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights, ReadOnlySpan<int> seen,
        CandidateMask mask, RecommendationRequest request, IItemSimilarity? similarity, CatalogContent content, FreshSlotRule rule)
    {
        var n = model.Artifact.ItemIds.Length;
        var coldCount = content.Mapping?.ColdCount ?? 0;
        var rented = ArrayPool<float>.Shared.Rent(n);
        var rentedCold = ArrayPool<float>.Shared.Rent(Math.Max(coldCount, 1));
        try
        {
            var scores = rented.AsSpan(0, n);
            var cold = rentedCold.AsSpan(0, coldCount);
            model.Artifact.Model.Score(user, history, weights, scores);
            content.Mapping?.Score(user, history, weights, scores, cold);
            mask.Apply(model, scores, seen);
            var ranked = Rank(scores, request, similarity);
            return (ranked, PickFresh(model, content, scores, cold, ranked, request, rule));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rentedCold);
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static FreshPick[] PickFresh(
        LoadedModel model, CatalogContent content, ReadOnlySpan<float> masked, ReadOnlySpan<float> cold, RankedItem[] ranked,
        RecommendationRequest request, FreshSlotRule rule)
    {
        var slots = rule.Slots;
        var candidates = new List<FreshPick>();
        HashSet<string>? excluded = null;
        foreach (var dated in content.Dated)
        {
            if (dated.Created < rule.Since)
            {
                break;
            }

            if (dated.WarmIndex >= 0)
            {
                if (OnPage(ranked, dated.WarmIndex))
                {
                    slots--;
                }
                else if (float.IsFinite(masked[dated.WarmIndex]))
                {
                    candidates.Add(new FreshPick(model.Artifact.ItemIds[dated.WarmIndex], masked[dated.WarmIndex], false));
                }

                continue;
            }

            var score = cold[dated.ColdIndex];
            var id = content.ColdIds[dated.ColdIndex];
            excluded ??= new HashSet<string>(request.Exclude, StringComparer.Ordinal);
            if (float.IsFinite(score) && !excluded.Contains(id) && (request.Categories.Count == 0 || content.ColdIsIn(dated.ColdIndex, request.Categories)))
            {
                candidates.Add(new FreshPick(id, score, true));
            }
        }

        if (slots <= 0 || candidates.Count == 0)
        {
            return [];
        }

        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        var picks = new List<FreshPick>(slots);
        foreach (var candidate in candidates)
        {
            if (picks.Count == slots || ShareBelow(masked, candidate.Score) < rule.Floor)
            {
                break;
            }

            picks.Add(candidate);
        }

        return [.. picks];
    }

    private static bool OnPage(RankedItem[] ranked, int item)
    {
        foreach (var r in ranked)
        {
            if (r.Index == item)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The share of the finite (candidate) scores strictly below <paramref name="score"/>.</summary>
    private static double ShareBelow(ReadOnlySpan<float> scores, float score)
    {
        int below = 0, finite = 0;
        foreach (var s in scores)
        {
            if (float.IsFinite(s))
            {
                finite++;
                if (s < score)
                {
                    below++;
                }
            }
        }

        return finite == 0 ? 1 : (double)below / finite;
    }

    /// <summary>Warm items ranked by content similarity to cold item <paramref name="cold"/>; items sharing no content masked.</summary>
    public static RankedItem[] ByContent(LoadedModel model, ContentMapping mapping, int cold, CandidateMask mask, RecommendationRequest request)
    {
        var n = model.Artifact.ItemIds.Length;
        var rented = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var scores = rented.AsSpan(0, n);
            mapping.SimilarityToWarm(cold, scores);
            for (var i = 0; i < n; i++)
            {
                if (scores[i] <= 0f)
                {
                    scores[i] = float.NegativeInfinity;
                }
            }

            mask.Apply(model, scores, []);
            return Rank(scores, request, null);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
