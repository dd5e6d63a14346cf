namespace Tailor.Profiles;

/// <summary>What Tailor knows about one user: activity counts, recency and favourite items; with a profile built
/// since format 2 also the activity shape, category affinity and mean rating; and the user's segment when the run
/// segmented its users.</summary>
public sealed record UserProfile(
    string UserId,
    int Interactions,
    int DistinctItems,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<ProfileItem> TopItems)
{
    /// <summary>Events per event type (e.g. view, purchase).</summary>
    public IReadOnlyDictionary<string, int>? EventTypes { get; init; }

    /// <summary>Days from the first to the last event.</summary>
    public double? TenureDays { get; init; }

    /// <summary>Days from the last event to the latest event in the data the profile was built from.</summary>
    public double? DaysSinceLastActivity { get; init; }

    /// <summary>Distinct UTC days with activity.</summary>
    public int? ActiveDays { get; init; }

    /// <summary>Events per active day (activity frequency).</summary>
    public double? EventsPerActiveDay { get; init; }

    /// <summary>The categories with the largest share of the user's weight (from the catalog).</summary>
    public IReadOnlyList<CategoryShare>? TopCategories { get; init; }

    /// <summary>Entropy (bits) of the user's weight over categories: 0 for one category, higher for broader taste.</summary>
    public double? CategoryEntropy { get; init; }

    /// <summary>Events per UTC hour of day (24 values, hour 0 first).</summary>
    public IReadOnlyList<int>? HourOfDay { get; init; }

    /// <summary>Events per UTC day of week (7 values, Sunday first).</summary>
    public IReadOnlyList<int>? DayOfWeek { get; init; }

    /// <summary>Mean of the user's rating values; null when the user rated nothing.</summary>
    public double? MeanRating { get; init; }

    /// <summary>The user's segment in the run that built the profile; null when it made no segments.</summary>
    public ProfileSegment? Segment { get; init; }
}

/// <summary>An item in a profile with the user's summed weight for it.</summary>
public sealed record ProfileItem(string ItemId, float Weight);

/// <summary>A category and its share of a user's (or a segment's) weight.</summary>
public sealed record CategoryShare(string Category, double Share);

/// <summary>The segment a user belongs to, with its generated label.</summary>
public sealed record ProfileSegment(string SegmentId, string Label);
