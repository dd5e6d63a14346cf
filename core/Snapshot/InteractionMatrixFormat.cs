using System.Runtime.InteropServices;

namespace Tailor.Snapshot;

/// <summary>Binary layout of an <see cref="InteractionMatrix"/>: counts, then the three arrays as raw
/// little-endian blocks, so a matrix loads in one sequential read.</summary>
public static class InteractionMatrixFormat
{
    public static void Write(BinaryWriter writer, InteractionMatrix matrix)
    {
        writer.Write(matrix.UserCount);
        writer.Write(matrix.ItemCount);
        writer.Write(matrix.NonZeroCount);
        writer.Write(MemoryMarshal.AsBytes(matrix.RowOffsets.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(matrix.Columns.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(matrix.Values.AsSpan()));
    }

    public static InteractionMatrix Read(BinaryReader reader)
    {
        var users = reader.ReadInt32();
        var items = reader.ReadInt32();
        var nonZero = reader.ReadInt32();
        if (users < 0 || items < 0 || nonZero < 0)
        {
            throw new InvalidDataException($"Corrupt interaction matrix header ({users} users, {items} items, {nonZero} entries).");
        }

        var offsets = ReadArray<int>(reader, users + 1);
        var columns = ReadArray<int>(reader, nonZero);
        var values = ReadArray<float>(reader, nonZero);
        return new InteractionMatrix(users, items, offsets, columns, values);
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static string[] ReadStrings(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"Corrupt string table length {count}.");
        }

        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }

    public static T[] ReadArray<T>(BinaryReader reader, int length)
        where T : unmanaged
    {
        var values = new T[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
