using Microsoft.Extensions.DependencyInjection;
using Tailor.Functions.Http;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary><c>GET models/{version}/report</c> and <c>GET batches/{batchId}/quarantine</c>, which the console's
/// Models and Uploads pages read.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModelReportAndQuarantineTests(AzuriteFixture azurite)
{
    private const string Version = "20261129-041500-ab12cd";

    [Fact]
    public async Task A_versions_report_carries_its_metrics_against_popularity_and_the_decision()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        await services.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
        await SampleModel.WriteVersionAsync(services.GetRequiredService<ModelStore>(), Version, SampleModel.Artifact());
        var functions = ActivatorUtilities.CreateInstance<ModelFunctions>(services);

        var response = await ServingHarness.RunAsync(await functions.Report(ServingHarness.Get($"/api/models/{Version}/report"), Version), "GetModelReport");

        Assert.Equal(200, response.Status);
        Assert.Equal(Version, response.Json.GetProperty("version").GetString());
        Assert.Equal(0.3, response.Json.GetProperty("candidate").GetProperty("ndcg").GetDouble(), 6);
        Assert.Equal(0.5, response.Json.GetProperty("popularity").GetProperty("coverage").GetDouble(), 6);
        Assert.True(response.Json.GetProperty("decision").GetProperty("promote").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_version_is_404_and_a_malformed_one_400()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        var functions = ActivatorUtilities.CreateInstance<ModelFunctions>(services);

        var unknown = await ServingHarness.RunAsync(await functions.Report(ServingHarness.Get("/api/models/20000101-000000-000000/report"), "20000101-000000-000000"), "GetModelReport");
        var malformed = await ServingHarness.RunAsync(await functions.Report(ServingHarness.Get("/api/models/..%2Fx/report"), "../x"), "GetModelReport");

        unknown.AssertProblem(404, "not-found", "version");
        malformed.AssertProblem(400, "invalid-parameter", "version");
    }

    [Fact]
    public async Task The_quarantine_sample_lists_the_first_bad_rows_with_line_and_reason()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync();
        var csv = "user_id,item_id,event_type\nu1,i1,view\n,i2,view\nu3,,view\nu4,i4,view\nu5,i5,\u0001bad\nu6,i6,view\nu7,i7,view\n";
        await storage.Events.UploadBlobAsync("sample/bad-rows.csv", BinaryData.FromString(csv));
        var outcome = await services.GetRequiredService<EventBatchIngestor>().IngestAsync("sample/bad-rows.csv");
        Assert.Equal(BatchStatus.Processed, outcome.Status);
        var functions = ActivatorUtilities.CreateInstance<BatchFunctions>(services);

        var all = await ServingHarness.RunAsync(await functions.Quarantine(ServingHarness.Get($"/api/batches/{outcome.BatchId}/quarantine"), outcome.BatchId), "GetQuarantineSample");
        var two = await ServingHarness.RunAsync(await functions.Quarantine(ServingHarness.Get($"/api/batches/{outcome.BatchId}/quarantine", "?count=2"), outcome.BatchId), "GetQuarantineSample");

        Assert.Equal(200, all.Status);
        Assert.Equal(outcome.Quarantined, all.Json.GetProperty("batch").GetProperty("quarantined").GetInt64());
        var rows = all.Json.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(outcome.Quarantined, rows.Length);
        Assert.Equal([3L, 4L], rows.Take(2).Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("user_id", rows[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(",i2,view", rows[0].GetProperty("raw").GetString());
        Assert.Equal(2, two.Json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task The_quarantine_sample_of_an_unknown_batch_is_404_and_a_bad_count_400()
    {
        await using var services = TailorServices.Build(IsolatedSettings.Create(azurite.ConnectionString));
        var functions = ActivatorUtilities.CreateInstance<BatchFunctions>(services);

        var unknown = await ServingHarness.RunAsync(await functions.Quarantine(ServingHarness.Get("/api/batches/nope/quarantine"), "nope"), "GetQuarantineSample");
        var badCount = await ServingHarness.RunAsync(await functions.Quarantine(ServingHarness.Get("/api/batches/nope/quarantine", "?count=1000"), "nope"), "GetQuarantineSample");

        unknown.AssertProblem(404, "not-found", "batchId");
        badCount.AssertProblem(400, "invalid-parameter", "count");
    }
}
