namespace Tailor.Profiles;

/// <summary>What Tailor knows about one user: activity counts, recency and favourite items.</summary>
public sealed record UserProfile(
    string UserId,
    int Interactions,
    int DistinctItems,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<ProfileItem> TopItems);

/// <summary>An item in a profile with the user's summed weight for it.</summary>
public sealed record ProfileItem(string ItemId, float Weight);
