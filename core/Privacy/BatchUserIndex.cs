using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Tailor.Privacy;

/// <summary>
/// Which users one processed batch may hold: the sorted, distinct 64-bit hashes (XxHash64 of the UTF-8 id) of the
/// user ids in its rows. A user whose hash is absent is certainly not in the batch; a present hash may be another
/// id's (about n/2^64 for a batch of n users), which costs only a needless read. 8 bytes per distinct user: 48 KB for
/// a batch of 6,000 users, 1.1 MB for 140,000. Holds no id, only hashes of them.
/// </summary>
public sealed class BatchUserIndex
{
    private static ReadOnlySpan<byte> Magic => "TUI1"u8;

    private readonly ulong[] _hashes;

    private BatchUserIndex(ulong[] hashes) => _hashes = hashes;

    public int Count => _hashes.Length;

    /// <summary>The index of the users in <paramref name="hashes"/> (any order, repeats allowed; the array is sorted in place).</summary>
    public static BatchUserIndex FromHashes(ulong[] hashes)
    {
        Array.Sort(hashes);
        var distinct = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (distinct == 0 || hashes[i] != hashes[distinct - 1])
            {
                hashes[distinct++] = hashes[i];
            }
        }

        return new BatchUserIndex(hashes[..distinct]);
    }

    public static ulong Hash(string userId)
    {
        Span<byte> buffer = stackalloc byte[512];
        var bytes = Encoding.UTF8.GetByteCount(userId) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(userId, buffer)] : Encoding.UTF8.GetBytes(userId);
        return XxHash64.HashToUInt64(bytes);
    }

    public bool MayHold(ulong hash) => Array.BinarySearch(_hashes, hash) >= 0;

    public bool MayHoldAny(IReadOnlyCollection<ulong> hashes)
    {
        foreach (var hash in hashes)
        {
            if (MayHold(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The blob form: <c>TUI1</c>, the count (int32), then the hashes (uint64), little-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[8 + (8 * _hashes.Length)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), _hashes.Length);
        for (var i = 0; i < _hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8 + (8 * i)), _hashes[i]);
        }

        return bytes;
    }

    /// <summary>Reads the blob form; null when it is not one (then the index is rebuilt from the batch).</summary>
    public static BatchUserIndex? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(Magic))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (count < 0 || bytes.Length != 8 + (8L * count))
        {
            return null;
        }

        var hashes = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(8 + (8 * i))..]);
        }

        return new BatchUserIndex(hashes);
    }
}
