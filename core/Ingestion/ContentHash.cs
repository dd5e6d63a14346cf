using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Tailor.Ingestion;

/// <summary>The batch id of a blob: SHA-256 of its raw content (lowercase hex), computed while streaming the
/// download in chunks, never holding the blob in memory.</summary>
internal static class ContentHash
{
    public static async Task<(string Hash, long Bytes)> ComputeAsync(BlobClient blob, ETag etag, CancellationToken cancellationToken)
    {
        var options = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } };
        var download = await blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
        using var response = download.Value;
        return await ComputeAsync(response.Content, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<(string Hash, long Bytes)> ComputeAsync(Stream content, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long bytes = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                bytes += read;
            }

            return (Convert.ToHexStringLower(sha.GetHashAndReset()), bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
