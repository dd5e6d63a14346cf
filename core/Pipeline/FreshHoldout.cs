using Tailor.Interactions;
using Tailor.Snapshot;

namespace Tailor.Pipeline;

/// <summary>
/// The part of a snapshot's holdout that an earlier snapshot did not contain at all. The serving model was
/// refitted on all of its snapshot, holdout included, so only interactions new since then can judge it
/// against a candidate without favouring either. An evaluation shard takes the part of its own users only.
/// </summary>
public static class FreshHoldout
{
    public static InteractionMatrix Of(InteractionSnapshot current, InteractionSnapshot earlier) =>
        Of(current, earlier, 0, current.Holdout.UserCount);

    /// <summary>The fresh holdout of the users with indices in [<paramref name="from"/>, <paramref name="to"/>); every
    /// other row is empty, so the ranges of a partition add up to the whole.</summary>
    public static InteractionMatrix Of(InteractionSnapshot current, InteractionSnapshot earlier, int from, int to)
    {
        var users = IdMap.Between(current.UserIds, earlier.UserIds);
        var items = IdMap.Between(current.ItemIds, earlier.ItemIds);
        var holdout = current.Holdout;
        var fresh = new List<(int User, int Item, float Weight)>();
        for (var u = from; u < to; u++)
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
