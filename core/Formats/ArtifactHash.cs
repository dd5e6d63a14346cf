using System.IO.Hashing;
using System.Security.Cryptography;

namespace Tailor.Formats;

/// <summary>An incremental hash of one <see cref="ArtifactChecksum"/> kind.</summary>
internal sealed class ArtifactHash : IDisposable
{
    private readonly IncrementalHash? _sha256;
    private readonly XxHash128? _xxHash128;

    public ArtifactHash(ArtifactChecksum checksum)
    {
        Checksum = checksum;
        if (checksum == ArtifactChecksum.Sha256)
        {
            _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
        else
        {
            _xxHash128 = new XxHash128();
        }
    }

    public ArtifactChecksum Checksum { get; }

    /// <summary>Bytes of the trailer this hash produces.</summary>
    public int Length => LengthOf(Checksum);

    public static int LengthOf(ArtifactChecksum checksum) => checksum == ArtifactChecksum.Sha256 ? 32 : 16;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_sha256 is not null)
        {
            _sha256.AppendData(data);
        }
        else
        {
            _xxHash128!.Append(data);
        }
    }

    public byte[] GetHashAndReset()
    {
        if (_sha256 is not null)
        {
            return _sha256.GetHashAndReset();
        }

        return _xxHash128!.GetHashAndReset();
    }

    public void Dispose() => _sha256?.Dispose();
}
