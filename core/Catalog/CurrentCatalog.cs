using Azure;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Catalog;

/// <summary>The latest merged catalog, as serving reads it between training runs: <c>catalog/current.parquet</c> in
/// the snapshots container, rewritten by <see cref="CatalogSnapshot.PublishCurrentAsync"/> after every processed
/// catalog batch. Its ETag tells a reader whether it changed; its metadata says how many batches it merged, so a
/// reader can tell it from an older file than the catalog a model was trained with.</summary>
public static class CurrentCatalog
{
    /// <summary>The blob in the snapshots container.</summary>
    public const string BlobName = "catalog/current.parquet";

    /// <summary>Blob metadata key holding the number of batches merged.</summary>
    internal const string BatchesMetadata = "batches";

    /// <summary>The blob's ETag and batch count, without reading it; null when nothing has been published.</summary>
    public static async Task<CurrentCatalogVersion?> ProbeAsync(TailorStorage storage, CancellationToken cancellationToken = default)
    {
        try
        {
            BlobProperties properties = await storage.Snapshots.GetBlobClient(BlobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new CurrentCatalogVersion(properties.ETag, Batches(properties.Metadata));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Reads exactly <paramref name="version"/>; null when the blob has changed or gone since it was probed
    /// (the next probe sees the newer one).</summary>
    public static async Task<ItemCatalog?> LoadAsync(TailorStorage storage, CurrentCatalogVersion version, CancellationToken cancellationToken = default)
    {
        try
        {
            var stream = await storage.Snapshots.GetBlobClient(BlobName).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
            {
                BufferSize = 4 * 1024 * 1024,
                Conditions = new BlobRequestConditions { IfMatch = version.ETag },
            }, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ItemCatalog.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    private static int Batches(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(BatchesMetadata, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var batches) ? batches : 0;
}

/// <summary>One published state of <see cref="CurrentCatalog"/>: its ETag and how many catalog batches it merged.</summary>
public sealed record CurrentCatalogVersion(ETag ETag, int Batches);
