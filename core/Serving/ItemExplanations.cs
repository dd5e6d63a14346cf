using System.Buffers;
using Tailor.Training;

namespace Tailor.Serving;

/// <summary>Why an item is in a list: the history items with the largest positive terms of its score
/// (<see cref="IExplainableRecommender"/>); fallbacks explain themselves through <see cref="FallbackReasons"/>. Runs only when a request asks.</summary>
internal static class ItemExplanations
{
    public const int MaxBecause = 3;

    /// <summary>The reason of a model that cannot split its scores by history item.</summary>
    public const string NotExplainable = "ranked by the model as a whole";

    public static ScoredItem[] Explain(
        LoadedModel model, RankedItem[] ranked, IExplainableRecommender? explainer, int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights)
    {
        var ids = model.Artifact.ItemIds;
        var items = new ScoredItem[ranked.Length];
        if (explainer is null || history.IsEmpty)
        {
            var reason = explainer is null && history.Length > 0 ? NotExplainable : FallbackReasons.PopularOverall;
            for (var i = 0; i < ranked.Length; i++)
            {
                items[i] = new ScoredItem(ids[ranked[i].Index], ranked[i].Score) { Because = [], Reason = reason };
            }

            return items;
        }

        var rented = ArrayPool<float>.Shared.Rent(history.Length);
        try
        {
            var terms = rented.AsSpan(0, history.Length);
            for (var i = 0; i < ranked.Length; i++)
            {
                explainer.Contributions(user, history, weights, ranked[i].Index, terms);
                items[i] = new ScoredItem(ids[ranked[i].Index], ranked[i].Score) { Because = Largest(ids, history, terms) };
            }

            return items;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>The positive terms, largest first (ties by position in the history), at most <see cref="MaxBecause"/>.</summary>
    private static HistoryContribution[] Largest(string[] ids, ReadOnlySpan<int> history, ReadOnlySpan<float> terms)
    {
        var total = 0f;
        Span<int> best = stackalloc int[MaxBecause];
        var kept = 0;
        for (var h = 0; h < terms.Length; h++)
        {
            if (!(terms[h] > 0f))
            {
                continue;
            }

            total += terms[h];
            var at = kept < MaxBecause ? kept++ : MaxBecause;
            while (at > 0 && terms[h] > terms[best[at - 1]])
            {
                if (at < MaxBecause)
                {
                    best[at] = best[at - 1];
                }

                at--;
            }

            if (at < MaxBecause)
            {
                best[at] = h;
            }
        }

        var because = new HistoryContribution[kept];
        for (var b = 0; b < kept; b++)
        {
            because[b] = new HistoryContribution(ids[history[best[b]]], terms[best[b]] / total);
        }

        return because;
    }
}
