using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Catalog;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Tests.Catalog;

/// <summary>A test's own storage on Azurite, with a catalog ingestor and snapshot over it.</summary>
internal sealed class CatalogContext
{
    private CatalogContext(TailorStorage storage, EventOptions options)
    {
        Storage = storage;
        Ingestor = new CatalogBatchIngestor(storage, Options.Create(options), TimeProvider.System, NullLogger<CatalogBatchIngestor>.Instance);
        Snapshot = new CatalogSnapshot(storage, NullLogger<CatalogSnapshot>.Instance);
    }

    public TailorStorage Storage { get; }

    public CatalogBatchIngestor Ingestor { get; }

    public CatalogSnapshot Snapshot { get; }

    public static async Task<CatalogContext> CreateAsync(AzuriteFixture azurite, EventOptions? options = null) =>
        new(await azurite.CreateStorageAsync(), options ?? new EventOptions());

    public Task<BatchOutcome> UploadAndIngestAsync(string name, string content) => UploadAndIngestAsync(name, Encoding.UTF8.GetBytes(content));

    public async Task<BatchOutcome> UploadAndIngestAsync(string name, byte[] content)
    {
        await Storage.Catalog.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);
        return await Ingestor.IngestAsync(name);
    }

    /// <summary>Merges the processed catalog batches, writes the merged blob and loads it as serving would.</summary>
    public async Task<ItemCatalog> SnapshotAsync(string blobName = "catalog-test.parquet")
    {
        var info = await Snapshot.WriteAsync(blobName);
        return info is null ? ItemCatalog.Empty : await ItemCatalog.LoadAsync(Storage, info.BlobName);
    }

    public async Task<string> DownloadTextAsync(Azure.Storage.Blobs.BlobContainerClient container, string name) =>
        (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();
}
