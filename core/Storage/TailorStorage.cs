using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Tailor.Storage;

/// <summary>The blob containers, tables and queue Tailor uses, resolved once per process from
/// <see cref="StorageOptions"/>. Every stage reaches storage through this type.</summary>
public sealed class TailorStorage(BlobServiceClient blobs, TableServiceClient tables, StorageOptions options, QueueServiceClient? queues = null)
{
    public StorageOptions Options { get; } = options;

    public BlobServiceClient Blobs { get; } = blobs;

    public TableServiceClient Tables { get; } = tables;

    /// <summary>The queue service, when one is configured (the Functions app and the CLI always have one).</summary>
    public QueueServiceClient? Queues { get; } = queues;

    public BlobContainerClient Events => Blobs.GetBlobContainerClient(Options.EventsContainer);

    public BlobContainerClient Catalog => Blobs.GetBlobContainerClient(Options.CatalogContainer);

    public BlobContainerClient Processed => Blobs.GetBlobContainerClient(Options.ProcessedContainer);

    public BlobContainerClient Quarantine => Blobs.GetBlobContainerClient(Options.QuarantineContainer);

    public BlobContainerClient Models => Blobs.GetBlobContainerClient(Options.ModelsContainer);

    public BlobContainerClient Snapshots => Blobs.GetBlobContainerClient(Options.SnapshotsContainer);

    /// <summary>Where Event Grid dead-letters blob events it could not deliver.</summary>
    public BlobContainerClient DeadLetter => Blobs.GetBlobContainerClient(Options.DeadLetterContainer);

    /// <summary>Served lists, by hour (see <c>ImpressionStore</c>); user data.</summary>
    public BlobContainerClient Impressions => Blobs.GetBlobContainerClient(Options.ImpressionsContainer);

    public TableClient Batches => Tables.GetTableClient(Options.BatchesTable);

    public TableClient Profiles => Tables.GetTableClient(Options.ProfilesTable);

    /// <summary>Recent events per user, served before a model is trained on them.</summary>
    public TableClient Fresh => Tables.GetTableClient(Options.FreshTable);

    /// <summary>The blob trigger's poison queue; null without a queue service.</summary>
    public QueueClient? PoisonQueue => Queues?.GetQueueClient(Options.PoisonQueue);

    /// <summary>Every container Tailor uses.</summary>
    public IReadOnlyList<BlobContainerClient> Containers => [Events, Catalog, Processed, Quarantine, Models, Snapshots, DeadLetter, Impressions];

    /// <summary>Every table Tailor uses.</summary>
    public IReadOnlyList<TableClient> TablesUsed => [Batches, Profiles, Fresh];

    /// <summary>Creates every container, table and queue that does not exist yet (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in Containers)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in TablesUsed)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        if (PoisonQueue is { } queue)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Builds storage clients from a connection string (Azurite or an account key).</summary>
    public static TailorStorage FromConnectionString(string connectionString, StorageOptions? options = null) =>
        new(new BlobServiceClient(connectionString), new TableServiceClient(connectionString),
            (options ?? new StorageOptions()) with { ConnectionString = connectionString }, new QueueServiceClient(connectionString));
}
