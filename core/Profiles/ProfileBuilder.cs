using Tailor.Catalog;
using Tailor.Numerics;
using Tailor.Snapshot;

namespace Tailor.Profiles;

/// <summary>Derives every user's profile from a snapshot (train and holdout together), as one
/// <see cref="ProfileSet"/> sorted by user id, with its <see cref="ProfileDetails"/> (category affinity from
/// the item catalog when one is given).</summary>
public static partial class ProfileBuilder
{
    public const int TopItemCount = 10;

    public static ProfileSet Build(InteractionSnapshot snapshot, ItemCatalog? catalog = null)
    {
        var n = snapshot.UserIds.Length;
        var userIds = (string[])snapshot.UserIds.Clone();
        var order = new int[n];
        for (var u = 0; u < n; u++)
        {
            order[u] = u;
        }

        Array.Sort(userIds, order, StringComparer.Ordinal);

        var interactions = new int[n];
        var distinctItems = new int[n];
        var firstSeen = new long[n];
        var lastSeen = new long[n];
        var topOffsets = new int[n + 1];
        var longest = 0;
        var total = 0;
        for (var u = 0; u < n; u++)
        {
            var length = snapshot.Train.CountOf(u) + snapshot.Holdout.CountOf(u);
            longest = Math.Max(longest, length);
            total += Math.Min(TopItemCount, length);
        }

        var topItems = new int[total];
        var topWeights = new float[total];
        var top = new int[TopItemCount];
        var items = new int[longest];
        var weights = new float[longest];
        var at = 0;
        for (var row = 0; row < n; row++)
        {
            var u = order[row];
            var trainItems = snapshot.Train.ItemsOf(u);
            var holdoutItems = snapshot.Holdout.ItemsOf(u);
            var length = trainItems.Length + holdoutItems.Length;
            trainItems.CopyTo(items);
            holdoutItems.CopyTo(items.AsSpan(trainItems.Length));
            snapshot.Train.WeightsOf(u).CopyTo(weights);
            snapshot.Holdout.WeightsOf(u).CopyTo(weights.AsSpan(trainItems.Length));

            var count = TopK.Select(weights.AsSpan(0, length), top.AsSpan(0, Math.Min(TopItemCount, length)));
            for (var k = 0; k < count; k++)
            {
                topItems[at] = items[top[k]];
                topWeights[at++] = weights[top[k]];
            }

            interactions[row] = snapshot.UserEventCounts[u];
            distinctItems[row] = length;
            firstSeen[row] = snapshot.UserFirstSeen[u];
            lastSeen[row] = snapshot.UserLastSeen[u];
            topOffsets[row + 1] = at;
        }

        // Weights that are not finite are never favourites, so a few rows may hold fewer than counted.
        if (at < total)
        {
            Array.Resize(ref topItems, at);
            Array.Resize(ref topWeights, at);
        }

        return new ProfileSet(
            userIds, interactions, distinctItems, firstSeen, lastSeen, topOffsets, topItems, topWeights, snapshot.ItemIds)
        {
            Details = BuildDetails(snapshot, catalog ?? ItemCatalog.Empty, order),
        };
    }
}
