using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Parquet;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Privacy;

/// <summary>
/// The <see cref="BatchUserIndex"/> of each processed batch, a sidecar blob next to it (<c>processed/&lt;batch&gt;.parquet.users</c>):
/// written by ingestion right after the batch (<see cref="IProcessedBatchIndexer"/>), built and written on first use
/// for batches older than the index, and deleted when erasure rewrites the batch (the next use builds it again from
/// the rows left). Access (<c>GET users/{userId}/data</c>) and erasure read only the batches whose index may hold a user.
/// </summary>
public sealed class BatchUserIndexes(TailorStorage storage, IOptions<PrivacyOptions>? options = null) : IProcessedBatchIndexer
{
    /// <summary><see cref="PrivacyOptions.UseBatchUserIndex"/>: whether readers consult the indexes.</summary>
    public bool Enabled { get; } = options?.Value.UseBatchUserIndex ?? true;

    public const string Suffix = ".users";

    public static string BlobName(string processedBlobName) => processedBlobName + Suffix;

    /// <summary>Indexes a batch just written, from the distinct user ids its parse wrote.</summary>
    public Task IndexAsync(string processedBlobName, IReadOnlyCollection<string> users, CancellationToken cancellationToken = default) =>
        WriteAsync(processedBlobName, BatchUserIndex.FromHashes([.. users.Select(BatchUserIndex.Hash)]), cancellationToken);

    /// <summary>The batch's index, built from the batch (its user column only) and stored when it has none yet.</summary>
    public async Task<IndexRead> ReadAsync(string processedBlobName, CancellationToken cancellationToken = default)
    {
        var blob = storage.Processed.GetBlobClient(BlobName(processedBlobName));
        try
        {
            var content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            if (BatchUserIndex.FromBytes(content.ToMemory().Span) is { } stored)
            {
                return new IndexRead(stored, content.ToMemory().Length, Built: false);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not indexed yet (a batch from before the index): built below.
        }

        var source = storage.Processed.GetBlobClient(processedBlobName);
        var properties = await source.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var stream = await source.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = 1024 * 1024,
            Conditions = new BlobRequestConditions { IfMatch = properties.Value.ETag },
        }, cancellationToken).ConfigureAwait(false);
        BatchUserIndex index;
        await using (stream.ConfigureAwait(false))
        {
            index = await BuildAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        await WriteAsync(processedBlobName, index, cancellationToken).ConfigureAwait(false);
        return new IndexRead(index, properties.Value.ContentLength, Built: true);
    }

    /// <summary>Drops the index of a batch rewritten without some users (rebuilt from the rows left on next use).</summary>
    public Task DeleteAsync(string processedBlobName, CancellationToken cancellationToken = default) =>
        storage.Processed.GetBlobClient(BlobName(processedBlobName)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private Task WriteAsync(string processedBlobName, BatchUserIndex index, CancellationToken cancellationToken) =>
        storage.Processed.GetBlobClient(BlobName(processedBlobName)).UploadAsync(new BinaryData(index.ToBytes()), overwrite: true, cancellationToken);

    /// <summary>The index of a processed Parquet stream, from its <c>user_id</c> column only.</summary>
    internal static async Task<BatchUserIndex> BuildAsync(Stream parquet, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(parquet, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var hashes = new List<ulong>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var ids = new string?[checked((int)group.RowCount)];
                await group.ReadAsync(ProcessedEventSchema.UserId, ids.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                foreach (var id in ids)
                {
                    if (id is not null && seen.Add(id))
                    {
                        hashes.Add(BatchUserIndex.Hash(id));
                    }
                }
            }

            return BatchUserIndex.FromHashes([.. hashes]);
        }
    }
}

/// <summary>A batch's index and what getting it cost: the bytes read (the index blob; when it had to be built, the
/// batch's size, as the compactor counts a scan of its user column).</summary>
public sealed record IndexRead(BatchUserIndex Index, long BytesRead, bool Built);
