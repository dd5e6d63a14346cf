namespace Tailor.Ingestion;

/// <summary>One event as the events API receives it, each field as its text (a JSON number's digits as
/// written; null when absent or JSON null). Validated by the same rules as a file's rows.</summary>
public sealed record ApiEvent(
    string? UserId,
    string? ItemId,
    string? EventType,
    string? Value,
    string? Timestamp,
    string? EventId = null,
    string? RecommendationId = null);

/// <summary>An event of a call the API refused: its position in the call's <c>events</c> array and why,
/// naming the field.</summary>
public sealed record ApiEventRejection(int Index, string Reason);

/// <summary>What one call of the events API did: events accepted (written to <see cref="BlobName"/> in the
/// events container, for ingestion as one batch) and the rejected ones with their reasons.</summary>
public sealed record ApiEventsOutcome(int Accepted, IReadOnlyList<ApiEventRejection> Rejections, string? BlobName)
{
    public int Rejected => Rejections.Count;
}
