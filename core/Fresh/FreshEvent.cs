namespace Tailor.Fresh;

/// <summary>One interaction in a user's fresh history: the item, the event's weight, when it happened and
/// when the store received it (both Unix milliseconds). The time received decides expiry.</summary>
public readonly record struct FreshEvent(string ItemId, float Weight, long TimestampMs, long ReceivedMs)
{
    /// <summary>The same event arriving twice (the events API writes it at once and again when its blob
    /// is ingested; a retried call) has the same item, time and weight.</summary>
    public bool IsSameEventAs(FreshEvent other) =>
        TimestampMs == other.TimestampMs && Weight.Equals(other.Weight) && string.Equals(ItemId, other.ItemId, StringComparison.Ordinal);
}
