using Tailor.Profiles;

namespace Tailor.Segments;

/// <summary>
/// A run's user segments, described for a person: how k was chosen (criterion, every k tried with its score), and
/// each segment, largest first. Membership is the segment column of the run's profiles (<see cref="ProfileSet.Segments"/>,
/// an index into <see cref="Segments"/>); this document is stored next to them (<c>segments.json</c>) and versioned with the model.
/// </summary>
public sealed record SegmentSet(
    int K,
    string Criterion,
    IReadOnlyList<KScore> Scores,
    int Users,
    int SampleUsers,
    int Seed,
    IReadOnlyList<string> Features,
    double Seconds,
    IReadOnlyList<SegmentSummary> Segments)
{
    public const string DaviesBouldin = "davies-bouldin";

    /// <summary>The segment with this id, or null.</summary>
    public SegmentSummary? Find(string segmentId) => Segments.FirstOrDefault(s => string.Equals(s.SegmentId, segmentId, StringComparison.Ordinal));

    /// <summary>The segment at <paramref name="index"/> (a profile's segment column value), or null for -1 or out of range.</summary>
    public SegmentSummary? At(int index) => (uint)index < (uint)Segments.Count ? Segments[index] : null;
}

/// <summary>One segment: its size and share of users, mean activity, mean tenure and recency, the categories with
/// the largest mean share, when its users are active, a generated label, and its popular items (members who
/// interacted with each, most first).</summary>
public sealed record SegmentSummary(
    string SegmentId,
    string Label,
    int Users,
    double Share,
    double MeanInteractions,
    double MeanDistinctItems,
    double MeanEventsPerActiveDay,
    double MeanTenureDays,
    double MeanDaysSinceLastActivity,
    IReadOnlyList<CategoryShare> TopCategories,
    string PeakTime,
    double WeekendShare,
    IReadOnlyList<SegmentItem> PopularItems);

/// <summary>An item popular in a segment: how many of its users interacted with it and what share of them.</summary>
public sealed record SegmentItem(string ItemId, int Users, double Share);
