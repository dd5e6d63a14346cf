using Tailor.Interactions;

namespace Tailor.Snapshot;

/// <summary>
/// Everything a training run reads: external ids, the training part and the holdout part of the
/// interactions (same user and item indices), when each user was first and last active, and how many events each sent
/// (and, in snapshots taken since format 3, <see cref="Activity"/>: per event type, hour, weekday, active days, ratings).
/// </summary>
public sealed record InteractionSnapshot(
    string[] UserIds,
    string[] ItemIds,
    InteractionMatrix Train,
    InteractionMatrix Holdout,
    long[] UserFirstSeen,
    long[] UserLastSeen,
    int[] UserEventCounts,
    int Batches)
{
    /// <summary>Per-user activity shape; null in a snapshot written before format version 3.</summary>
    public UserActivity? Activity { get; init; }

    /// <summary>Train and holdout together: what the promoted model is refitted on.</summary>
    public InteractionMatrix All()
    {
        var triples = new (int User, int Item, float Weight)[Train.NonZeroCount + Holdout.NonZeroCount];
        var at = 0;
        foreach (var part in new[] { Train, Holdout })
        {
            for (var u = 0; u < part.UserCount; u++)
            {
                var items = part.ItemsOf(u);
                var weights = part.WeightsOf(u);
                for (var k = 0; k < items.Length; k++)
                {
                    triples[at++] = (u, items[k], weights[k]);
                }
            }
        }

        return InteractionMatrix.FromTriples(Train.UserCount, Train.ItemCount, triples);
    }
}
