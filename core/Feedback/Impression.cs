namespace Tailor.Feedback;

/// <summary>One served list, as the impressions store keeps it: which list (<see cref="RecommendationId"/>), for whom
/// (<see cref="UserId"/>, null for an anonymous session or similar items), the items in served order (position =
/// index), and what produced it. Holds a user id: the impressions container is user data.</summary>
public sealed record Impression(
    string RecommendationId,
    string? UserId,
    IReadOnlyList<string> Items,
    string ModelVersion,
    string Strategy,
    string Variant,
    string Route,
    DateTimeOffset TimestampUtc)
{
    /// <summary>The user's segment in the serving model's segments (null for sessions, similar items and users the
    /// model has no segment for).</summary>
    public string? Segment { get; init; }
}

/// <summary>Which side of a champion/challenger split served a list.</summary>
public static class Variants
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";
}
