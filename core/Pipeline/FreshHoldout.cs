using Tailor.Interactions;
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
        var users = IdMap.Between(current.UserIds, earlier.UserIds);
        var items = IdMap.Between(current.ItemIds, earlier.ItemIds);
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
}
