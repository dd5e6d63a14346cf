using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Events;

namespace Tailor.Tests.Ingestion;

/// <summary>A test's own storage on Azurite and an ingestor over it, at a fixed "now".</summary>
internal sealed class IngestionContext
{
    private IngestionContext(TailorStorage storage, EventOptions options)
    {
        Storage = storage;
        Ingestor = new EventBatchIngestor(storage, Options.Create(options), UserIdPseudonymizer.Off, new FixedTimeProvider(EventTestFiles.Now), NullLogger<EventBatchIngestor>.Instance);
        Reader = new ProcessedEventReader(storage);
    }

    public TailorStorage Storage { get; }

    public EventBatchIngestor Ingestor { get; }

    public ProcessedEventReader Reader { get; }

    public static async Task<IngestionContext> CreateAsync(AzuriteFixture azurite, EventOptions? options = null) =>
        new(await azurite.CreateStorageAsync(), options ?? new EventOptions());

    public Task UploadAsync(string name, string content) => UploadAsync(name, Encoding.UTF8.GetBytes(content));

    public async Task UploadAsync(string name, byte[] content) =>
        await Storage.Events.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);

    public async Task<BatchOutcome> UploadAndIngestAsync(string name, string content)
    {
        await UploadAsync(name, content);
        return await Ingestor.IngestAsync(name);
    }

    public async Task<BatchOutcome> UploadAndIngestAsync(string name, byte[] content)
    {
        await UploadAsync(name, content);
        return await Ingestor.IngestAsync(name);
    }

    public async Task<List<string>> BlobNamesAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task<List<TableEntity>> RecordsAsync(string partition)
    {
        var records = new List<TableEntity>();
        await foreach (var entity in Storage.Batches.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            records.Add(entity);
        }

        return records;
    }

    public async Task<List<InteractionEvent>> ReadProcessedAsync(string processedBlobName)
    {
        var events = new List<InteractionEvent>();
        await foreach (var evt in Reader.ReadBatchAsync(processedBlobName))
        {
            events.Add(evt);
        }

        return events;
    }

    public async Task<string> DownloadTextAsync(Azure.Storage.Blobs.BlobContainerClient container, string name) =>
        (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
