using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Feedback;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Pipeline;

namespace Tailor.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class MetricsFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Online_metrics_join_a_served_list_with_the_posted_click_on_one_of_its_items()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await SampleModel.WriteVersionAsync(harness.Services.GetRequiredService<ModelStore>(), "v-online", SampleModel.Artifact());
        await harness.Services.GetRequiredService<ModelPromoter>().PromoteAsync("v-online", "test");
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);

        var served = await ServingHarness.RunAsync(
            await harness.Create<RecommendationFunctions>().GetForUser(ServingHarness.Get("/api/recommendations/u7", "?count=3"), "u7"), "GetRecommendations");
        var recommendationId = served.Json.GetProperty("recommendationId").GetString()!;
        var first = served.Json.GetProperty("items")[0].GetProperty("itemId").GetString()!;
        await harness.Services.GetRequiredService<ImpressionFlusher>().FlushAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O", CultureInfo.InvariantCulture);
        var body = $$"""{"events": [{"userId": "u7", "itemId": "{{first}}", "eventType": "click", "timestamp": "{{at}}", "recommendationId": "{{recommendationId}}"}]}""";
        var posted = await ServingHarness.RunAsync(await harness.Create<EventFunctions>().Post(ServingHarness.Post("/api/events", body)), "PostEvents");
        var outcome = await harness.Create<IngestEventsFunctions>().IngestAsync(posted.Json.GetProperty("blobName").GetString()!, harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Processed, outcome.Status);

        var query = $"?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
        var response = await ServingHarness.RunAsync(await harness.Create<MetricsFunctions>().Online(ServingHarness.Get("/api/metrics/online", query)), "GetOnlineMetrics");

        Assert.Equal(200, response.Status);
        var row = Assert.Single(response.Json.GetProperty("rows").EnumerateArray());
        Assert.Equal("v-online", row.GetProperty("modelVersion").GetString());
        Assert.Equal(Variants.Champion, row.GetProperty("variant").GetString());
        Assert.Equal(RecommendationStrategy.Popular, row.GetProperty("strategy").GetString());
        Assert.Equal(1, row.GetProperty("impressions").GetInt64());
        Assert.Equal(1.0, row.GetProperty("clickThrough").GetDouble());
        Assert.Equal(1.0, row.GetProperty("hitRate").GetDouble());
        Assert.Equal(3.0 / 20, row.GetProperty("coverage").GetDouble(), 9);
    }

    [Theory]
    [InlineData("?by=colour", "by")]
    [InlineData("?from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z", "from")]
    [InlineData("?from=2026-01-01T00:00:00Z&to=2026-11-30T00:00:00Z", "from")]
    [InlineData("?to=yesterday", "to")]
    public async Task A_bad_range_or_grouping_is_a_problem_naming_the_parameter(string query, string parameter)
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);

        var response = await ServingHarness.RunAsync(await harness.Create<MetricsFunctions>().Online(ServingHarness.Get("/api/metrics/online", query)), "GetOnlineMetrics");

        response.AssertProblem(400, "invalid-parameter", parameter);
    }
}
