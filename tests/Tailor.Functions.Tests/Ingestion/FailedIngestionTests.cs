using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Commands;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Ingestion;

/// <summary>No upload is lost silently: failures after the trigger's retries are recorded, listed and retried.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FailedIngestionTests(AzuriteFixture azurite)
{
    private const string Csv = "user_id,item_id,event_type,value,timestamp\n" +
        "u1,i1,view,,1717200000\n" +
        "u2,i1,view,,1717200000\n";

    [Fact]
    public async Task A_poison_message_for_an_events_blob_becomes_a_failed_record_with_the_last_error()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        var ingestor = services.GetRequiredService<EventBatchIngestor>();
        await ingestor.RecordAttemptFailureAsync("broken.csv", new InvalidOperationException("disk on fire"));

        var outcome = await ActivatorUtilities.CreateInstance<RecordFailedIngestionFunctions>(services)
            .FromPoisonQueue(PoisonMessage(storage.Options.EventsContainer, "broken.csv"), CancellationToken.None);

        Assert.Equal(BatchStatus.Failed, outcome?.Status);
        var record = await services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("broken.csv");
        Assert.Equal(BatchStatus.Failed, record?.Status);
        Assert.Contains("disk on fire", record!.Reason, StringComparison.Ordinal);
        Assert.StartsWith("name-", record.BatchId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poison_message_does_not_overwrite_a_blob_that_was_processed_meanwhile()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.Events.GetBlobClient("fine.csv").UploadAsync(BinaryData.FromString(Csv));
        await services.GetRequiredService<EventBatchIngestor>().IngestAsync("fine.csv");

        var outcome = await ActivatorUtilities.CreateInstance<RecordFailedIngestionFunctions>(services)
            .FromPoisonQueue(PoisonMessage(storage.Options.EventsContainer, "fine.csv"), CancellationToken.None);

        Assert.Equal(BatchStatus.Processed, outcome?.Status);
        Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("fine.csv"))?.Status);
    }

    [Fact]
    public async Task A_poison_message_for_another_container_is_ignored()
    {
        await using var services = await CreateAsync();

        var outcome = await ActivatorUtilities.CreateInstance<RecordFailedIngestionFunctions>(services)
            .FromPoisonQueue(PoisonMessage("someone-elses", "x.csv"), CancellationToken.None);

        Assert.Null(outcome);
        Assert.Null(await services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("x.csv"));
    }

    [Fact]
    public async Task A_dead_lettered_event_grid_delivery_becomes_a_failed_record_and_is_swept_once()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        var deadLetter = $$$"""
            [{"id":"1","eventType":"Microsoft.Storage.BlobCreated","subject":"/blobServices/default/containers/{{{storage.Options.EventsContainer}}}/blobs/2024/lost.csv",
              "deadLetterReason":"MaxDeliveryAttemptsExceeded","lastDeliveryOutcome":"TimedOut","data":{}}]
            """;
        await storage.DeadLetter.GetBlobClient("topic/sub/2024/01/01/00/x.json").UploadAsync(BinaryData.FromString(deadLetter));

        var sweeper = services.GetRequiredService<DeadLetterSweeper>();
        Assert.Equal(1, await sweeper.SweepAsync());
        Assert.Equal(0, await sweeper.SweepAsync());

        var record = await services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("2024/lost.csv");
        Assert.Equal(BatchStatus.Failed, record?.Status);
        Assert.Contains("MaxDeliveryAttemptsExceeded", record!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_batches_filters_by_status_and_since_and_names_a_bad_parameter()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.Events.GetBlobClient("good.csv").UploadAsync(BinaryData.FromString(Csv));
        await services.GetRequiredService<EventBatchIngestor>().IngestAsync("good.csv");
        await services.GetRequiredService<EventBatchIngestor>().RecordFailureAsync("bad.csv", "test");
        var functions = ActivatorUtilities.CreateInstance<BatchFunctions>(services);

        var all = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/batches")), "ListBatches");
        var failed = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/batches", "?status=failed")), "ListBatches");
        var future = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/batches", "?since=2999-01-01T00:00:00Z")), "ListBatches");
        var badStatus = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/batches", "?status=lost")), "ListBatches");
        var badSince = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/batches", "?since=yesterday")), "ListBatches");

        Assert.Equal(["bad.csv", "good.csv"], Names(all).Order(StringComparer.Ordinal));
        Assert.Equal(["bad.csv"], Names(failed));
        Assert.Equal("failed", failed.Json.GetProperty("batches")[0].GetProperty("status").GetString());
        Assert.Empty(Names(future));
        badStatus.AssertProblem(400, "invalid-parameter", "status");
        badSince.AssertProblem(400, "invalid-parameter", "since");
    }

    [Fact]
    public async Task Get_batches_on_storage_without_a_batches_table_is_an_empty_list()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));

        var response = await ServingHarness.RunAsync(await ActivatorUtilities.CreateInstance<BatchFunctions>(services).List(ServingHarness.Get("/api/batches")), "ListBatches");

        Assert.Equal(200, response.Status);
        Assert.Empty(Names(response));
    }

    [Fact]
    public async Task Retry_reingests_a_failed_blob_and_refuses_unknown_and_processed_batches()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        var failed = await services.GetRequiredService<EventBatchIngestor>().RecordFailureAsync("later.csv", "test", "storage was down");
        await storage.Events.GetBlobClient("later.csv").UploadAsync(BinaryData.FromString(Csv));
        var functions = ActivatorUtilities.CreateInstance<BatchFunctions>(services);

        var retried = await ServingHarness.RunAsync(await functions.Retry(ServingHarness.Post($"/api/batches/{failed.BatchId}/retry", "{}"), failed.BatchId), "RetryBatch");
        var processedId = retried.Json.GetProperty("outcome").GetProperty("batchId").GetString()!;
        var again = await ServingHarness.RunAsync(await functions.Retry(ServingHarness.Post($"/api/batches/{processedId}/retry", "{}"), processedId), "RetryBatch");
        var unknown = await ServingHarness.RunAsync(await functions.Retry(ServingHarness.Post("/api/batches/nope/retry", "{}"), "nope"), "RetryBatch");

        Assert.Equal(200, retried.Status);
        Assert.Equal(("failed", "processed"), (retried.Json.GetProperty("previousStatus").GetString(), retried.Json.GetProperty("outcome").GetProperty("status").GetString()));
        Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("later.csv"))?.Status);
        again.AssertProblem(409, "conflict");
        unknown.AssertProblem(404, "not-found", "batchId");
    }

    [Fact]
    public async Task Tailor_ingest_retry_uses_the_same_retry_and_exits_0_once_processed()
    {
        await using var services = await CreateAsync();
        var storage = services.GetRequiredService<TailorStorage>();
        var failed = await services.GetRequiredService<EventBatchIngestor>().RecordFailureAsync("cli.csv", "test");
        await storage.Events.GetBlobClient("cli.csv").UploadAsync(BinaryData.FromString(Csv));

        var exit = await IngestCommand.RetryAsync(services.GetRequiredService<BatchRetry>(), failed.BatchId, CancellationToken.None);
        var unknown = await IngestCommand.RetryAsync(services.GetRequiredService<BatchRetry>(), "nope", CancellationToken.None);

        Assert.Equal((0, 2), (exit, unknown));
        Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("cli.csv"))?.Status);
    }

    [Fact]
    public async Task Tailor_train_on_empty_storage_prints_one_line_and_exits_2()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        using var errors = new StringWriter();

        var exit = await TrainCommand.RunAsync(azurite.ConnectionString, services, TimeSpan.FromMinutes(1), errors, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(TrainCommand.NothingIngested + Environment.NewLine, errors.ToString());
        Assert.Equal("no processed events yet: upload and ingest first", TrainCommand.NothingIngested);
    }

    [Fact]
    public async Task Models_are_listed_as_empty_when_the_models_container_does_not_exist()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));

        var response = await ServingHarness.RunAsync(await ActivatorUtilities.CreateInstance<ModelFunctions>(services).List(ServingHarness.Get("/api/models")), "ListModels");

        Assert.Equal(200, response.Status);
        Assert.Equal(0, response.Json.GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task Provisioning_twice_is_idempotent_and_creates_everything()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        var provisioner = services.GetRequiredService<StorageProvisioner>();

        Assert.True(await provisioner.ProvisionAsync(CancellationToken.None));
        Assert.True(await provisioner.ProvisionAsync(CancellationToken.None));

        var storage = services.GetRequiredService<TailorStorage>();
        foreach (var container in storage.Containers)
        {
            Assert.True(await container.ExistsAsync(), container.Name);
        }

        Assert.True(await storage.PoisonQueue!.ExistsAsync());
    }

    private async Task<ServiceProvider> CreateAsync()
    {
        var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        await services.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
        return services;
    }

    private static string PoisonMessage(string container, string blob) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["Type"] = "BlobTrigger",
        ["FunctionId"] = "Host.Functions.IngestEventsPolling",
        ["BlobType"] = "BlockBlob",
        ["ContainerName"] = container,
        ["BlobName"] = blob,
        ["ETag"] = "\"0x8DC0000000000\"",
    });

    private static List<string> Names(ServingHarness.Response response) =>
        [.. response.Json.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("blobName").GetString()!)];
}
