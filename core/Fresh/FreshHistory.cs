namespace Tailor.Fresh;

/// <summary>A user's fresh interactions, oldest first: at most <see cref="FreshOptions.MaxEventsPerUser"/>, none
/// expired. Immutable; <see cref="With"/> makes the next one.</summary>
public sealed class FreshHistory
{
    public static readonly FreshHistory Empty = new([]);

    public FreshHistory(IReadOnlyList<FreshEvent> events) => Events = events;

    /// <summary>Ordered by event time (then by time received), oldest first.</summary>
    public IReadOnlyList<FreshEvent> Events { get; }

    public int Count => Events.Count;

    /// <summary>This history with <paramref name="added"/> merged in: repeats of an event already held are
    /// dropped, events received before <paramref name="expiredBeforeMs"/> leave, and only the latest
    /// <paramref name="max"/> (by event time) stay.</summary>
    public FreshHistory With(IEnumerable<FreshEvent> added, long expiredBeforeMs, int max)
    {
        var merged = new List<FreshEvent>(Events.Count + 8);
        foreach (var e in Events)
        {
            if (e.ReceivedMs >= expiredBeforeMs)
            {
                merged.Add(e);
            }
        }

        foreach (var e in added)
        {
            if (e.ReceivedMs >= expiredBeforeMs && !Holds(merged, e))
            {
                merged.Add(e);
            }
        }

        // A stable order: events of the same time keep the order they arrived in.
        var ordered = merged.OrderBy(static e => e.TimestampMs).ThenBy(static e => e.ReceivedMs).ToList();
        if (ordered.Count > max)
        {
            ordered.RemoveRange(0, ordered.Count - max);
        }

        return new FreshHistory(ordered);
    }

    /// <summary>The events not expired at <paramref name="expiredBeforeMs"/> (this instance when none is).</summary>
    public FreshHistory Unexpired(long expiredBeforeMs)
    {
        var keep = 0;
        foreach (var e in Events)
        {
            if (e.ReceivedMs >= expiredBeforeMs)
            {
                keep++;
            }
        }

        if (keep == Events.Count)
        {
            return this;
        }

        var events = new List<FreshEvent>(keep);
        foreach (var e in Events)
        {
            if (e.ReceivedMs >= expiredBeforeMs)
            {
                events.Add(e);
            }
        }

        return events.Count == 0 ? Empty : new FreshHistory(events);
    }

    private static bool Holds(List<FreshEvent> events, FreshEvent candidate)
    {
        foreach (var e in events)
        {
            if (e.IsSameEventAs(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
