using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Tailor.Storage;

/// <summary>The blob containers and tables Tailor uses, resolved once per process from
/// <see cref="StorageOptions"/>. Every stage reaches storage through this type.</summary>
public sealed class TailorStorage(BlobServiceClient blobs, TableServiceClient tables, StorageOptions options)
{
    public StorageOptions Options { get; } = options;

    public BlobServiceClient Blobs { get; } = blobs;

    public TableServiceClient Tables { get; } = tables;

    public BlobContainerClient Events => Blobs.GetBlobContainerClient(Options.EventsContainer);

    public BlobContainerClient Catalog => Blobs.GetBlobContainerClient(Options.CatalogContainer);

    public BlobContainerClient Processed => Blobs.GetBlobContainerClient(Options.ProcessedContainer);

    public BlobContainerClient Quarantine => Blobs.GetBlobContainerClient(Options.QuarantineContainer);

    public BlobContainerClient Models => Blobs.GetBlobContainerClient(Options.ModelsContainer);

    public BlobContainerClient Snapshots => Blobs.GetBlobContainerClient(Options.SnapshotsContainer);

    public TableClient Batches => Tables.GetTableClient(Options.BatchesTable);

    public TableClient Profiles => Tables.GetTableClient(Options.ProfilesTable);

    /// <summary>Creates every container and table that does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        BlobContainerClient[] containers = [Events, Catalog, Processed, Quarantine, Models, Snapshots];
        foreach (var container in containers)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await Batches.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await Profiles.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds storage clients from a connection string (Azurite or an account key).</summary>
    public static TailorStorage FromConnectionString(string connectionString, StorageOptions? options = null) =>
        new(new BlobServiceClient(connectionString), new TableServiceClient(connectionString),
            (options ?? new StorageOptions()) with { ConnectionString = connectionString });
}
