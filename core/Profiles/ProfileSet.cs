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

    /// <summary>Activity shape, category affinity and ratings; null in a profiles artifact of format version 1.</summary>
    public ProfileDetails? Details
    {
        get;
        init => field = value is null || value.Count == UserIds.Length
            ? value
            : throw new ArgumentException("The profile details do not cover the profiles' users.", nameof(value));
    }

    /// <summary>Each row's segment index (-1: none); null when the run made no segments.</summary>
    public int[]? Segments
    {
        get;
        init => field = value is null || value.Length == UserIds.Length
            ? value
            : throw new ArgumentException("The segment column does not cover the profiles' users.", nameof(value));
    }

    /// <summary>The row of <paramref name="userId"/>, or -1 when the run did not see the user.</summary>
    public int RowOf(string userId) => Math.Max(-1, Array.BinarySearch(UserIds, userId, StringComparer.Ordinal));

    /// <summary>The segment index of row <paramref name="u"/>; -1 when there is none.</summary>
    public int SegmentAt(int u) => Segments is { } segments ? segments[u] : -1;

    /// <summary>The same profiles with a segment per row.</summary>
    public ProfileSet WithSegments(int[] segments) => new(
        UserIds, Interactions, DistinctItems, FirstSeen, LastSeen, TopOffsets, TopItems, TopWeights, ItemIds)
    {
        Details = Details,
        Segments = segments,
    };

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

        var profile = new UserProfile(
            UserIds[u],
            Interactions[u],
            DistinctItems[u],
            DateTimeOffset.FromUnixTimeSeconds(FirstSeen[u]),
            DateTimeOffset.FromUnixTimeSeconds(LastSeen[u]),
            favourites);
        return Details is { } details ? WithDetails(profile, details, u) : profile;
    }

    private UserProfile WithDetails(UserProfile profile, ProfileDetails d, int u)
    {
        const double Day = 86_400;
        var t = d.EventTypes.Length;
        var types = new Dictionary<string, int>(t, StringComparer.Ordinal);
        for (var k = 0; k < t; k++)
        {
            if (d.TypeCounts[(u * t) + k] is var count and > 0)
            {
                types[d.EventTypes[k]] = count;
            }
        }

        var start = d.CategoryOffsets[u];
        var categories = new CategoryShare[d.CategoryOffsets[u + 1] - start];
        for (var k = 0; k < categories.Length; k++)
        {
            categories[k] = new CategoryShare(d.Categories[d.TopCategories[start + k]], Math.Round(d.CategoryShares[start + k], 4));
        }

        var activeDays = d.ActiveDays[u];
        return profile with
        {
            EventTypes = types,
            TenureDays = Math.Round((LastSeen[u] - FirstSeen[u]) / Day, 2),
            DaysSinceLastActivity = Math.Round(Math.Max(0, d.AsOf - LastSeen[u]) / Day, 2),
            ActiveDays = activeDays,
            EventsPerActiveDay = activeDays == 0 ? null : Math.Round(Interactions[u] / (double)activeDays, 2),
            TopCategories = categories,
            CategoryEntropy = categories.Length == 0 ? null : Math.Round(d.CategoryEntropy[u], 3),
            HourOfDay = d.HourCounts.AsSpan(u * 24, 24).ToArray(),
            DayOfWeek = d.WeekdayCounts.AsSpan(u * 7, 7).ToArray(),
            MeanRating = float.IsNaN(d.MeanRatings[u]) ? null : Math.Round(d.MeanRatings[u], 3),
        };
    }
}
