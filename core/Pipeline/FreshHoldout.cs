using Tailor.Snapshot;

namespace Tailor.Pipeline;

/// <summary>
/// The part of a snapshot's holdout that an earlier snapshot did not contain at all. The serving model was
/// refitted on all of its snapshot, holdout included, so only interactions new since then can judge it
/// against a candidate without favouring either.
/// </summary>
public static class FreshHoldout
{
    public static InteractionMatrix Of(InteractionSnapshot current, InteractionSnapshot earlier)
    {
        var users = IndexMap(current.UserIds, earlier.UserIds);
        var items = IndexMap(current.ItemIds, earlier.ItemIds);
        var holdout = current.Holdout;
        var fresh = new List<(int User, int Item, float Weight)>();
        for (var u = 0; u < holdout.UserCount; u++)
        {
            var row = holdout.ItemsOf(u);
            var weights = holdout.WeightsOf(u);
            for (var k = 0; k < row.Length; k++)
            {
                var oldUser = users[u];
                var oldItem = items[row[k]];
                var seen = oldUser >= 0 && oldItem >= 0
                    && (earlier.Train.ItemsOf(oldUser).BinarySearch(oldItem) >= 0 || earlier.Holdout.ItemsOf(oldUser).BinarySearch(oldItem) >= 0);
                if (!seen)
                {
                    fresh.Add((u, row[k], weights[k]));
                }
            }
        }

        return InteractionMatrix.FromTriples(holdout.UserCount, holdout.ItemCount, [.. fresh]);
    }

    /// <summary>For each id of <paramref name="ids"/>, its index in <paramref name="earlier"/>, or -1.</summary>
    private static int[] IndexMap(string[] ids, string[] earlier)
    {
        var index = new Dictionary<string, int>(earlier.Length, StringComparer.Ordinal);
        for (var i = 0; i < earlier.Length; i++)
        {
            index[earlier[i]] = i;
        }

        var map = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            map[i] = index.TryGetValue(ids[i], out var at) ? at : -1;
        }

        return map;
    }
}
