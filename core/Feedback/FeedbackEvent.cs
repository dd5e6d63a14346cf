namespace Tailor.Feedback;

/// <summary>An event as the online join sees it: who did what to which item, when, with its configured weight, and the
/// recommendation id the caller sent with it (null when none was sent, or the event came from a file).</summary>
public readonly record struct FeedbackEvent(
    string UserId, string ItemId, string EventType, float Weight, DateTimeOffset Timestamp, string? RecommendationId = null);
