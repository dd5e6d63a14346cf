using System.Buffers;
using System.Buffers.Binary;

namespace Tailor.Ingestion;

/// <summary>Parquet's RLE / bit-packed hybrid encoding of small unsigned integers (definition levels, dictionary
/// indexes): a run of eight or more equal values becomes one RLE run, anything else groups of eight values
/// bit-packed least significant bit first (the last group padded with zeros).</summary>
internal static class RleBitPackedHybrid
{
    private const int MinRleRun = 8;

    /// <summary>At most 63 groups of eight per bit-packed run, as common writers do, so every header is one byte.</summary>
    private const int MaxGroupsPerRun = 63;

    /// <summary>The bits needed for values up to <paramref name="maxValue"/> (at least one).</summary>
    public static int BitWidth(int maxValue) => Math.Max(1, 32 - int.LeadingZeroCount(maxValue));

    /// <summary>Appends <paramref name="values"/> (each below 2^<paramref name="bitWidth"/>) to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ArrayBufferWriter<byte> output)
    {
        var i = 0;
        while (i < values.Length)
        {
            var run = RunLength(values, i, values.Length - i);
            if (run >= MinRleRun)
            {
                Rle(values[i], run, bitWidth, output);
                i += run;
                continue;
            }

            var start = i;
            var groups = 0;
            do
            {
                i += 8;
                groups++;
            }
            while (i < values.Length && groups < MaxGroupsPerRun && RunLength(values, i, MinRleRun) < MinRleRun);

            BitPacked(values[start..Math.Min(i, values.Length)], groups, bitWidth, output);
        }
    }

    /// <summary>Appends a single RLE run of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static void Rle(int value, int count, int bitWidth, ArrayBufferWriter<byte> output)
    {
        var valueBytes = (bitWidth + 7) / 8;
        var span = output.GetSpan(5 + sizeof(int));
        var at = Varint(span, (uint)count << 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], value);
        output.Advance(at + valueBytes);
    }

    private static int RunLength(ReadOnlySpan<int> values, int start, int limit)
    {
        var end = start + Math.Min(limit, values.Length - start);
        var first = values[start];
        var i = start + 1;
        while (i < end && values[i] == first)
        {
            i++;
        }

        return i - start;
    }

    private static void BitPacked(ReadOnlySpan<int> values, int groups, int bitWidth, ArrayBufferWriter<byte> output)
    {
        var bytes = groups * bitWidth;
        var span = output.GetSpan(5 + bytes);
        var at = Varint(span, ((uint)groups << 1) | 1);
        var packed = span.Slice(at, bytes);
        ulong buffer = 0;
        var bits = 0;
        var to = 0;
        foreach (var value in values)
        {
            buffer |= (ulong)(uint)value << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                packed[to++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            packed[to++] = (byte)buffer;
        }

        packed[to..].Clear();
        output.Advance(at + bytes);
    }

    private static int Varint(Span<byte> span, uint value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
        return at;
    }
}
