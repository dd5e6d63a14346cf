using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Pipeline.Tasks;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Http;
using Tailor.Tests.Pipeline;

namespace Tailor.Tests.Hosting;

/// <summary>The app started the way the Functions host starts it, on storage where nothing exists yet.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppStartupTests(AzuriteFixture azurite)
{
    private const string Csv = "user_id,item_id,event_type,value,timestamp\n" +
        "u1,i1,view,,1717200000\n" +
        "u1,i2,purchase,19.99,2024-06-01T10:00:00Z\n" +
        "u2,i1,view,,1717200000\n";

    [Fact]
    public async Task Started_on_empty_storage_the_app_creates_its_storage_ingests_an_upload_and_lists_no_models()
    {
        using var host = FunctionsAppHost.Build(IsolatedSettings.Create(azurite.ConnectionString));
        var storage = host.Services.GetRequiredService<TailorStorage>();
        Assert.False(await storage.Events.ExistsAsync());

        await host.StartAsync();

        foreach (var container in storage.Containers)
        {
            Assert.True(await container.ExistsAsync(), $"container {container.Name} was not created");
        }

        foreach (var table in storage.TablesUsed)
        {
            Assert.True(await TableExistsAsync(storage, table.Name), $"table {table.Name} was not created");
        }

        Assert.True(await storage.PoisonQueue!.ExistsAsync(), "the poison queue was not created");

        var models = await ServingHarness.RunAsync(await ActivatorUtilities.CreateInstance<ModelFunctions>(host.Services).List(ServingHarness.Get("/api/models")), "ListModels");
        Assert.Equal(200, models.Status);
        Assert.Equal(0, models.Json.GetProperty("models").GetArrayLength());

        await storage.Events.GetBlobClient("first.csv").UploadAsync(BinaryData.FromString(Csv));
        await using var durable = await InProcessDurableHost.StartAsync(registry => registry.AddTailorPipeline(host.Services));
        var outcome = await ActivatorUtilities.CreateInstance<IngestEventsFunctions>(host.Services).IngestAsync("first.csv", durable.Client, CancellationToken.None);

        Assert.Equal((BatchStatus.Processed, 3L), (outcome.Status, outcome.Accepted));
        var record = await host.Services.GetRequiredService<ProcessedEventReader>().FindUploadAsync("first.csv");
        Assert.Equal(BatchStatus.Processed, record?.Status);
        await host.StopAsync();
    }

    [Fact]
    public void Only_the_hosted_services_that_need_a_functions_host_are_left_out_of_the_test_host()
    {
        var leftOut = FunctionsAppHost.LeftOut();

        Assert.NotEmpty(leftOut);
        Assert.All(leftOut, name => Assert.True(
            name.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal),
            $"{name} is left out of the start-up test but is not the worker's or ASP.NET Core's"));
    }

    [Fact]
    public async Task Start_up_gives_up_within_the_provisioning_timeout_when_storage_is_unreachable()
    {
        var settings = IsolatedSettings.Create(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");
        settings["Tailor:Storage:ProvisionTimeoutSeconds"] = "2";
        using var host = FunctionsAppHost.Build(settings);
        var started = TimeProvider.System.GetTimestamp();

        await host.StartAsync();

        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.False(host.Services.GetRequiredService<StorageProvisioner>().IsProvisioned);
        await host.StopAsync();
    }

    private static async Task<bool> TableExistsAsync(TailorStorage storage, string name)
    {
        await foreach (var _ in storage.Tables.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {name}")))
        {
            return true;
        }

        return false;
    }
}
