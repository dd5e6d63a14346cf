namespace Tailor.Events;

/// <summary>One validated user-behaviour event, as ingestion accepts it and training reads it back.</summary>
/// <param name="UserId">Opaque user id (1–128 chars, no control characters).</param>
/// <param name="ItemId">Opaque item id (1–128 chars, no control characters).</param>
/// <param name="EventType">Normalised event type (lowercase), e.g. <c>view</c>, <c>purchase</c>, <c>rating</c>.</param>
/// <param name="Value">The optional number the event carried (a rating, a weight).</param>
/// <param name="Weight">The event's confidence weight under the configured rules (always positive).</param>
/// <param name="Timestamp">When it happened (UTC).</param>
/// <param name="RecommendationId">The recommendation the event answers, when the file or call named one (same rule as ids).</param>
public readonly record struct InteractionEvent(
    string UserId,
    string ItemId,
    string EventType,
    double? Value,
    float Weight,
    DateTimeOffset Timestamp,
    string? RecommendationId = null);
