namespace Tailor.Profiles;

/// <summary>
/// Every user's profile of one training run, held column by column and sorted by user id (ordinal), so a
/// lookup is a binary search and a million users cost a few arrays rather than a million objects.
/// Favourite items are stored as indices into <see cref="ItemIds"/>, user <c>u</c>'s in
/// <c>[TopOffsets[u], TopOffsets[u + 1])</c>.
/// </summary>
public sealed class ProfileSet
{
    public ProfileSet(
        string[] userIds,
        int[] interactions,
        int[] distinctItems,
        long[] firstSeen,
        long[] lastSeen,
        int[] topOffsets,
        int[] topItems,
        float[] topWeights,
        string[] itemIds)
    {
        var n = userIds.Length;
        if (interactions.Length != n || distinctItems.Length != n || firstSeen.Length != n || lastSeen.Length != n
            || topOffsets.Length != n + 1 || topItems.Length != topWeights.Length || topOffsets[n] != topItems.Length)
        {
            throw new ArgumentException("The profile columns do not have matching lengths.");
        }

        for (var u = 1; u < n; u++)
        {
            if (string.CompareOrdinal(userIds[u - 1], userIds[u]) >= 0)
            {
                throw new ArgumentException($"User ids must be unique and sorted (ordinal); '{userIds[u]}' follows '{userIds[u - 1]}'.", nameof(userIds));
            }
        }

        UserIds = userIds;
        Interactions = interactions;
        DistinctItems = distinctItems;
        FirstSeen = firstSeen;
        LastSeen = lastSeen;
        TopOffsets = topOffsets;
        TopItems = topItems;
        TopWeights = topWeights;
        ItemIds = itemIds;
    }

    public int Count => UserIds.Length;

    /// <summary>Sorted ordinal, unique.</summary>
    public string[] UserIds { get; }

    public int[] Interactions { get; }

    public int[] DistinctItems { get; }

    /// <summary>Unix seconds of the user's first event.</summary>
    public long[] FirstSeen { get; }

    /// <summary>Unix seconds of the user's last event.</summary>
    public long[] LastSeen { get; }

    public int[] TopOffsets { get; }

    public int[] TopItems { get; }

    public float[] TopWeights { get; }

    public string[] ItemIds { get; }

    /// <summary>The user's profile, or null when the run did not see the user.</summary>
    public UserProfile? Find(string userId)
    {
        var u = Array.BinarySearch(UserIds, userId, StringComparer.Ordinal);
        return u < 0 ? null : At(u);
    }

    /// <summary>The profile in row <paramref name="u"/>.</summary>
    public UserProfile At(int u)
    {
        var start = TopOffsets[u];
        var favourites = new ProfileItem[TopOffsets[u + 1] - start];
        for (var k = 0; k < favourites.Length; k++)
        {
            favourites[k] = new ProfileItem(ItemIds[TopItems[start + k]], TopWeights[start + k]);
        }

        return new UserProfile(
            UserIds[u],
            Interactions[u],
            DistinctItems[u],
            DateTimeOffset.FromUnixTimeSeconds(FirstSeen[u]),
            DateTimeOffset.FromUnixTimeSeconds(LastSeen[u]),
            favourites);
    }
}
