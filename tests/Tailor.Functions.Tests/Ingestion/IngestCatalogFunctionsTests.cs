using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Catalog;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Ingestion;

/// <summary>The catalog trigger pair ends every upload in one recorded state, as the events pair does.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IngestCatalogFunctionsTests(AzuriteFixture azurite)
{
    private const string Catalog = "item_id,title,categories,available\n" +
        "i1,Red Shoes,shoes|sale,true\n" +
        "i2,Blue Hat,hats,false\n" +
        "i3,Green Scarf,scarves,perhaps\n";

    [Fact]
    public async Task A_catalog_upload_is_processed_with_its_quarantined_row_then_a_copy_is_a_duplicate()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        var functions = ActivatorUtilities.CreateInstance<IngestCatalogFunctions>(services);
        await storage.Catalog.GetBlobClient("catalog.csv").UploadAsync(BinaryData.FromString(Catalog));
        await storage.Catalog.GetBlobClient("again/catalog.csv").UploadAsync(BinaryData.FromString(Catalog));

        var processed = await functions.IngestAsync("catalog.csv", CancellationToken.None);
        var duplicate = await functions.IngestAsync("again/catalog.csv", CancellationToken.None);

        Assert.Equal((BatchStatus.Processed, 2L, 1L), (processed.Status, processed.Accepted, processed.Quarantined));
        var quarantined = JsonDocument.Parse((await storage.Quarantine.GetBlobClient(processed.QuarantineBlobName).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal((4, "available (column 'available') 'perhaps' is not true or false"),
            (quarantined.GetProperty("line").GetInt32(), quarantined.GetProperty("reason").GetString()));
        Assert.Equal(BatchStatus.Duplicate, duplicate.Status);
        Assert.Equal(processed.BatchId, duplicate.BatchId);
    }

    [Fact]
    public async Task An_unreadable_catalog_is_rejected_and_listed_by_get_batches_with_its_reason()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.Catalog.GetBlobClient("catalog.parquet").UploadAsync(BinaryData.FromString(Catalog));

        var rejected = await ActivatorUtilities.CreateInstance<IngestCatalogFunctions>(services).IngestAsync("catalog.parquet", CancellationToken.None);
        var listed = await ServingHarness.RunAsync(
            await ActivatorUtilities.CreateInstance<BatchFunctions>(services).List(ServingHarness.Get("/api/batches", "?status=rejected")), "ListBatches");

        Assert.Equal(BatchStatus.Rejected, rejected.Status);
        Assert.Contains("PAR1", rejected.Reason, StringComparison.Ordinal);
        var batch = Assert.Single(listed.Json.GetProperty("batches").EnumerateArray());
        Assert.Equal(("catalog.parquet", "catalog", rejected.Reason),
            (batch.GetProperty("blobName").GetString(), batch.GetProperty("kind").GetString(), batch.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_poison_message_for_a_catalog_blob_becomes_a_failed_catalog_record_that_retry_reingests()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        var message = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Type"] = "BlobTrigger",
            ["FunctionId"] = "Host.Functions.IngestCatalogPolling",
            ["BlobType"] = "BlockBlob",
            ["ContainerName"] = storage.Options.CatalogContainer,
            ["BlobName"] = "late.csv",
        });

        var failed = await ActivatorUtilities.CreateInstance<RecordFailedIngestionFunctions>(services).FromPoisonQueue(message, CancellationToken.None);
        await storage.Catalog.GetBlobClient("late.csv").UploadAsync(BinaryData.FromString(Catalog));
        var retried = await services.GetRequiredService<BatchRetry>().RetryAsync(failed!.BatchId);

        Assert.Equal((BatchStatus.Failed, "catalog"), (failed.Status, failed.Kind));
        Assert.Equal(BatchRetryStatus.Retried, retried.Status);
        Assert.Equal((BatchStatus.Processed, "catalog"), (retried.Outcome!.Status, retried.Outcome.Kind));
        var merged = await services.GetRequiredService<CatalogSnapshot>().MergeAsync();
        Assert.Equal(2, merged.Items.Count);
    }

    private async Task<ServiceProvider> CreateAsync()
    {
        var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        await services.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
        return services;
    }
}
