using Tailor.Fresh;

namespace Tailor.Serving;

/// <summary>A user's serving-time history: the model's history of them (none for a user it does not know)
/// plus their fresh events on items the model knows, as ascending, de-duplicated item indices with weights.</summary>
internal static class FreshItems
{
    /// <summary>The combined history, or <c>Added = false</c> (and empty arrays) when the fresh events add no item
    /// the model's history lacks. Fresh events on items already in the model's history change nothing (the model
    /// has seen that interest), so a fresh history the model has taken in since serves exactly as before.</summary>
    public static (int[] Items, float[] Weights, bool Added) Combine(LoadedModel model, int user, FreshHistory fresh)
    {
        var history = model.Artifact.History;
        var known = user >= 0 ? history.ItemsOf(user) : [];
        var knownWeights = user >= 0 ? history.WeightsOf(user) : [];
        var added = new List<(int Item, float Weight)>(fresh.Count);
        foreach (var e in fresh.Events)
        {
            if (model.ItemIndex.TryGetValue(e.ItemId, out var item) && known.BinarySearch(item) < 0)
            {
                added.Add((item, e.Weight));
            }
        }

        if (added.Count == 0)
        {
            return ([], [], false);
        }

        added.Sort(static (a, b) => a.Item.CompareTo(b.Item));
        var items = new List<int>(known.Length + added.Count);
        var weights = new List<float>(known.Length + added.Count);
        int k = 0, f = 0;
        while (k < known.Length || f < added.Count)
        {
            if (f >= added.Count || (k < known.Length && known[k] < added[f].Item))
            {
                items.Add(known[k]);
                weights.Add(knownWeights[k]);
                k++;
            }
            else if (items.Count > 0 && items[^1] == added[f].Item)
            {
                weights[^1] += added[f].Weight;
                f++;
            }
            else
            {
                items.Add(added[f].Item);
                weights.Add(added[f].Weight);
                f++;
            }
        }

        return (items.ToArray(), weights.ToArray(), true);
    }
}
