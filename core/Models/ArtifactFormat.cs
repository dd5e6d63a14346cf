namespace Tailor.Models;

/// <summary>
/// Layout of a model artifact (<c>model.bin</c>), little-endian throughout:
/// <code>
/// "TLRM"                      magic
/// int32                       format version (<see cref="Version"/>)
/// string                      algorithm
/// int32 n, n × string         user ids (row order of the history matrix)
/// int32 m, m × string         item ids (column order)
/// int32 nnz                   history: CSR of the training interactions
///   int32[n + 1]              row offsets
///   int32[nnz]                item indices
///   float[nnz]                weights
/// float[m]                    popularity fallback scores
/// bytes                       model payload (IRecommender.Write)
/// int64                       payload length in bytes
/// byte[32]                    SHA-256 of every byte before it
/// </code>
/// Strings are UTF-8 with a 7-bit encoded length prefix (as <see cref="BinaryWriter"/> writes them).
/// </summary>
internal static class ArtifactFormat
{
    public const int Version = 1;

    public const int HashLength = 32;

    /// <summary>Longest string (in UTF-8 bytes) the format accepts: ids are at most 128 characters.</summary>
    public const int MaxStringBytes = 4096;

    public static ReadOnlySpan<byte> Magic => "TLRM"u8;

    /// <summary>Arrays are copied as raw memory, which is little-endian on every platform .NET on Azure runs on.</summary>
    public static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Model artifacts are read and written on little-endian machines only.");
        }
    }
}
