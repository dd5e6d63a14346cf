using Tailor.Formats;

namespace Tailor.Models;

/// <summary>
/// Layout of a model artifact (<c>model.bin</c>) in the <see cref="Formats.ArtifactFormat"/> container:
/// <code>
/// "TLRM"                      magic
/// int32                       format version (<see cref="FormatVersion"/>)
/// string                      algorithm
/// int32 n, n × string         user ids (row order of the history matrix)
/// int32 m, m × string         item ids (column order)
/// int32 nnz                   history: CSR of the training interactions
///   int32[n + 1]              row offsets
///   int32[nnz]                item indices
///   float[nnz]                weights
/// float[m]                    popularity fallback scores
/// int32 t, float[t]           trending fallback scores (t = m, or 0 without; format version 2 on)
/// bytes                       model payload (IRecommender.Write)
/// int64                       payload length in bytes
/// byte[16]                    XXH128 of every byte before it (version 1: byte[32], SHA-256)
/// </code>
/// Version 2 added the trending scores and replaced the SHA-256 trailer, which cost a third of the load time of a
/// 200 MB artifact.
/// </summary>
public sealed partial class ModelArtifact
{
    /// <summary>The model artifact format version this build writes; it also reads <see cref="FirstFormatVersion"/>.</summary>
    public const int FormatVersion = 2;

    /// <summary>The first format version: no trending scores, and a SHA-256 trailer.</summary>
    public const int FirstFormatVersion = 1;

    private static ArtifactChecksum ChecksumOf(int version) =>
        version == FirstFormatVersion ? ArtifactChecksum.Sha256 : ArtifactChecksum.XxHash128;

    private static ReadOnlySpan<byte> Magic => "TLRM"u8;
}
