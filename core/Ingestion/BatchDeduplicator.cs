using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Recognises repeats within a batch: rows with the same user, item, event type and timestamp.
/// One lookup per row in a flat set of 128-bit hashes of the key (lengths, ids, type and ticks, so no two keys share an
/// encoding); two different keys share a hash with a chance of about n²/2¹²⁹, nil for any file size we accept.</summary>
internal sealed class BatchDeduplicator
{
    private const int StackBytes = 1024;

    private readonly HashSet128 _seen = new();

    /// <summary>True the first time a row is seen, false for a repeat.</summary>
    public bool Add(in InteractionEvent evt) => _seen.Add(Hash(evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks));

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
