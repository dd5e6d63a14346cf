using System.Runtime.InteropServices;

namespace Tailor.Training;

/// <summary>Bulk reads and writes of numeric arrays in model artifacts (little-endian, as laid out in memory).</summary>
internal static class BinaryFormat
{
    public static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length < 0)
        {
            throw new InvalidDataException($"Negative array length {length} in model artifact.");
        }

        var values = new T[length];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        var read = 0;
        while (read < bytes.Length)
        {
            var n = reader.Read(bytes[read..]);
            if (n == 0)
            {
                throw new EndOfStreamException("Model artifact ended inside an array.");
            }

            read += n;
        }

        return values;
    }
}
