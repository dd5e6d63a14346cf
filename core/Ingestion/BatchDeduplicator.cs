using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Recognises repeats within a batch: rows with the same user, item, event type and timestamp.
/// One lookup per row in a flat set of 128-bit hashes of the key (lengths, ids, type and ticks, so no two keys share an
/// encoding); two different keys share a hash with a chance of about n²/2¹²⁹, nil for any file size we accept.</summary>
internal sealed class BatchDeduplicator(int expectedRows = 1 << 15)
{
    private const int StackBytes = 1024;

    /// <summary>How many rows ahead <see cref="AddRange"/> asks for the slot of a row's hash to be fetched.</summary>
    private const int PrefetchDistance = 16;

    /// <summary>At most this many rows are sized for up front (32 MB of slots); a bigger batch grows the set as it goes.</summary>
    private const int MaxExpectedRows = 1 << 20;

    private readonly HashSet128 _seen = new(Math.Clamp(expectedRows, 1, MaxExpectedRows));
    private UInt128[] _hashes = [];

    /// <summary>True the first time a row is seen, false for a repeat.</summary>
    public bool Add(in InteractionEvent evt) => _seen.Add(Hash(evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks));

    /// <summary>Sets <paramref name="first"/>[i] to whether <paramref name="events"/>[i] is seen for the first time
    /// (a repeat within the same span counts as a repeat), as <see cref="Add"/> row by row would. Hashes the whole
    /// span first, then looks the hashes up with the slot of a later row already on its way to the cache, so the
    /// cache misses of a large set overlap instead of coming one after another.</summary>
    public void AddRange(ReadOnlySpan<InteractionEvent> events, Span<bool> first)
    {
        if (_hashes.Length < events.Length)
        {
            _hashes = new UInt128[events.Length];
        }

        var hashes = _hashes.AsSpan(0, events.Length);
        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var evt = ref events[i];
            hashes[i] = Hash(evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks);
        }

        _seen.EnsureCapacity(_seen.Count + events.Length);
        for (var i = 0; i < Math.Min(PrefetchDistance, hashes.Length); i++)
        {
            _seen.Prefetch(hashes[i]);
        }

        for (var i = 0; i < hashes.Length; i++)
        {
            if (i + PrefetchDistance < hashes.Length)
            {
                _seen.Prefetch(hashes[i + PrefetchDistance]);
            }

            first[i] = _seen.Add(hashes[i]);
        }
    }

    [SkipLocalsInit]
    private static UInt128 Hash(string user, string item, string type, long ticks)
    {
        var length = 16 + (2 * (user.Length + item.Length + type.Length));
        var key = length <= StackBytes ? stackalloc byte[StackBytes] : new byte[length];
        MemoryMarshal.Write(key, ticks);
        MemoryMarshal.Write(key[8..], user.Length);
        MemoryMarshal.Write(key[12..], item.Length);
        var at = 16;
        at += Append(key[at..], user);
        at += Append(key[at..], item);
        at += Append(key[at..], type);
        return XxHash128.HashToUInt128(key[..at]);
    }

    private static int Append(Span<byte> key, string text)
    {
        var bytes = MemoryMarshal.AsBytes(text.AsSpan());
        bytes.CopyTo(key);
        return bytes.Length;
    }
}
