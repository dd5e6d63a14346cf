using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Recognises repeats within a batch: rows with the same user, item, event type and timestamp.
/// One set lookup per row; the key holds the (pooled) id strings, not copies.</summary>
internal sealed class BatchDeduplicator
{
    private readonly HashSet<Key> _seen = new(KeyComparer.Instance);

    /// <summary>True the first time a row is seen, false for a repeat.</summary>
    public bool Add(in InteractionEvent evt) => _seen.Add(new Key(evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks));

    private readonly record struct Key(string User, string Item, string Type, long Ticks);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key x, Key y) =>
            x.Ticks == y.Ticks
            && string.Equals(x.User, y.User, StringComparison.Ordinal)
            && string.Equals(x.Item, y.Item, StringComparison.Ordinal)
            && string.Equals(x.Type, y.Type, StringComparison.Ordinal);

        // The type is one of a handful of values: it is compared, not hashed.
        public int GetHashCode(Key key) => HashCode.Combine(key.User.GetHashCode(StringComparison.Ordinal), key.Item.GetHashCode(StringComparison.Ordinal), key.Ticks);
    }
}
