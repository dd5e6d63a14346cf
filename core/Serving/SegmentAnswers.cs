using Tailor.Segments;

namespace Tailor.Serving;

/// <summary>The serving model's segments as the API and the CLI show them: every segment with its leading items
/// (<see cref="List"/>), or one segment with up to <c>count</c> popular items (<see cref="Find"/>); items the served
/// catalog marks unavailable are left out.</summary>
public static class SegmentAnswers
{
    /// <summary>Popular items each segment shows in the listing.</summary>
    public const int ListedItems = 5;

    public static SegmentListResponse List(LoadedModel model, SegmentSet segments) => new(
        model.Version, segments.K, segments.Criterion, segments.Scores, segments.Users, segments.SampleUsers,
        [.. segments.Segments.Select(s => s with { PopularItems = Available(model, s, ListedItems) })]);

    /// <summary>The segment with its popular items, or null when the version has no such segment.</summary>
    public static SegmentResponse? Find(LoadedModel model, SegmentSet segments, string segmentId, int count) =>
        segments.Find(segmentId) is { } segment
            ? new SegmentResponse(model.Version, segment with { PopularItems = Available(model, segment, count) })
            : null;

    private static SegmentItem[] Available(LoadedModel model, SegmentSummary segment, int count) =>
        [.. segment.PopularItems.Where(i => model.Catalog?.View.IsAvailable(i.ItemId) ?? true).Take(count)];
}

/// <summary>Answer to <c>GET segments</c>: how k was chosen and every segment, largest first.</summary>
public sealed record SegmentListResponse(
    string ModelVersion,
    int K,
    string Criterion,
    IReadOnlyList<KScore> Scores,
    int Users,
    int SampleUsers,
    IReadOnlyList<SegmentSummary> Segments);

/// <summary>Answer to <c>GET segments/{segmentId}</c>: the segment with its popular items.</summary>
public sealed record SegmentResponse(string ModelVersion, SegmentSummary Segment);
