using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Recognises repeats within a batch: rows with the same user, item, event type and timestamp.
/// Ids are numbered as they appear, so a seen row costs one small fixed-size key, not its strings.</summary>
internal sealed class BatchDeduplicator
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private readonly HashSet<Key> _seen = [];

    /// <summary>True the first time a row is seen, false for a repeat.</summary>
    public bool Add(in InteractionEvent evt) =>
        _seen.Add(new Key(Number(_users, evt.UserId), Number(_items, evt.ItemId), Number(_types, evt.EventType), evt.Timestamp.UtcTicks));

    private static int Number(Dictionary<string, int> numbers, string id)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(numbers, id, out var exists);
        if (!exists)
        {
            slot = numbers.Count;
        }

        return slot;
    }

    private readonly record struct Key(int User, int Item, int Type, long Ticks);
}
