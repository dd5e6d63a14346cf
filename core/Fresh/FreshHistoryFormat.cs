using System.Text;

namespace Tailor.Fresh;

/// <summary>A fresh history as the bytes of one table property: a format byte, the count, then per event
/// the item id (length-prefixed UTF-8), weight (float), event time and time received (Unix ms, int64), little-endian.</summary>
public static class FreshHistoryFormat
{
    /// <summary>The largest binary property a table entity may hold.</summary>
    public const int MaxBytes = 64 * 1024;

    private const byte Version = 1;

    /// <summary>The history's bytes; when its ids are too long to fit <see cref="MaxBytes"/>, the oldest events
    /// are left out until the rest fit.</summary>
    public static byte[] Write(FreshHistory history)
    {
        var events = history.Events;
        var size = 1 + 5;
        var first = events.Count;
        while (first > 0)
        {
            var next = size + EventSize(events[first - 1]);
            if (next > MaxBytes)
            {
                break;
            }

            size = next;
            first--;
        }

        using var buffer = new MemoryStream(size);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(events.Count - first);
            for (var i = first; i < events.Count; i++)
            {
                var e = events[i];
                writer.Write(e.ItemId);
                writer.Write(e.Weight);
                writer.Write(e.TimestampMs);
                writer.Write(e.ReceivedMs);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; an unknown format byte or a truncated value is an <see cref="InvalidDataException"/>.</summary>
    public static FreshHistory Read(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return FreshHistory.Empty;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes.ToArray(), writable: false), Encoding.UTF8);
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new InvalidDataException($"Unknown fresh-history format {version}; expected {Version}.");
            }

            var count = reader.Read7BitEncodedInt();
            var events = new FreshEvent[count];
            for (var i = 0; i < count; i++)
            {
                events[i] = new FreshEvent(reader.ReadString(), reader.ReadSingle(), reader.ReadInt64(), reader.ReadInt64());
            }

            return count == 0 ? FreshHistory.Empty : new FreshHistory(events);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The fresh history is truncated.", ex);
        }
    }

    private static int EventSize(FreshEvent e)
    {
        var length = Encoding.UTF8.GetByteCount(e.ItemId);
        return length + (length < 128 ? 1 : 2) + sizeof(float) + sizeof(long) + sizeof(long);
    }
}
