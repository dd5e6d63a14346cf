namespace Tailor.Formats;

/// <summary>The trailer a file of the container format ends with, chosen by the file's owner and format version.</summary>
internal enum ArtifactChecksum
{
    /// <summary>SHA-256 (32 bytes): the original trailer, which older files carry.</summary>
    Sha256,

    /// <summary>XXH128 (16 bytes): a non-cryptographic checksum about ten times faster than SHA-256. It guards
    /// against truncation and corruption, which is all the trailer is for; the storage account guards against
    /// tampering.</summary>
    XxHash128,
}
