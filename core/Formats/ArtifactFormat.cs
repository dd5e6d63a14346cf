using System.Runtime.InteropServices;

namespace Tailor.Formats;

/// <summary>
/// The binary container every Tailor file is written in (model artifacts, snapshots), little-endian throughout:
/// <list type="bullet">
/// <item>int32 and int64 as raw little-endian values;</item>
/// <item>strings as UTF-8 with a 7-bit encoded length prefix (as <see cref="BinaryWriter"/> writes them), at most
/// <see cref="MaxStringBytes"/> bytes; string lists as an int32 count followed by the strings;</item>
/// <item>arrays of numbers as raw little-endian elements — in the container without a length (the layout
/// knows it), inside a model payload (<see cref="WriteArray{T}"/>) prefixed by an int32 length;</item>
/// <item>a trailer: the checksum of every byte before it — SHA-256 (32 bytes) or, where the file's layout says
/// so, XXH128 (16 bytes); see <see cref="ArtifactChecksum"/>.</item>
/// </list>
/// A file's owner declares its layout on top of this: <c>ModelArtifact</c> (magic <c>TLRM</c>) and
/// <c>SnapshotFile</c> (magic <c>TLSN</c>). <see cref="ArtifactWriter"/> and <see cref="ArtifactReader"/>
/// write and read the container in one forward pass.
/// </summary>
internal static class ArtifactFormat
{
    /// <summary>Longest string (in UTF-8 bytes) the format accepts: ids are at most 128 characters.</summary>
    public const int MaxStringBytes = 4096;

    /// <summary>Arrays are copied as raw memory, which is little-endian on every platform .NET on Azure runs on.</summary>
    public static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Model artifacts are read and written on little-endian machines only.");
        }
    }

    /// <summary>Writes a model-payload array: its int32 length, then its raw little-endian elements.</summary>
    public static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads an array written by <see cref="WriteArray{T}"/>.</summary>
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
