using Tailor.Numerics;
using Tailor.Snapshot;

namespace Tailor.Profiles;

/// <summary>Derives user profiles from a snapshot (train and holdout together).</summary>
public static class ProfileBuilder
{
    public const int TopItemCount = 10;

    public static IEnumerable<UserProfile> Build(InteractionSnapshot snapshot)
    {
        var top = new int[TopItemCount];
        for (var u = 0; u < snapshot.UserIds.Length; u++)
        {
            var trainItems = snapshot.Train.ItemsOf(u);
            var holdoutItems = snapshot.Holdout.ItemsOf(u);
            var items = new int[trainItems.Length + holdoutItems.Length];
            var weights = new float[items.Length];
            trainItems.CopyTo(items);
            holdoutItems.CopyTo(items.AsSpan(trainItems.Length));
            snapshot.Train.WeightsOf(u).CopyTo(weights);
            snapshot.Holdout.WeightsOf(u).CopyTo(weights.AsSpan(trainItems.Length));

            var count = TopK.Select(weights, top.AsSpan(0, Math.Min(TopItemCount, weights.Length)));
            var favourites = new ProfileItem[count];
            for (var k = 0; k < count; k++)
            {
                favourites[k] = new ProfileItem(snapshot.ItemIds[items[top[k]]], weights[top[k]]);
            }

            yield return new UserProfile(
                snapshot.UserIds[u],
                Interactions: snapshot.UserEventCounts[u],
                DistinctItems: items.Length,
                DateTimeOffset.FromUnixTimeSeconds(snapshot.UserFirstSeen[u]),
                DateTimeOffset.FromUnixTimeSeconds(snapshot.UserLastSeen[u]),
                favourites);
        }
    }
}
