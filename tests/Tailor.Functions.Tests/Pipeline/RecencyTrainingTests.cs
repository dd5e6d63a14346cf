using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Pipeline;

/// <summary>A training run over events with timestamps stores the trending scores with the model, and serving answers
/// unknown users with them; without a trending window they get the popular list.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecencyTrainingTests(AzuriteFixture azurite)
{
    // 90 days of events: a 7-day trending window covers the latest part of them.
    private static readonly GeneratorOptions s_shop = new(Users: 150, Items: 80, Events: 5_000, Seed: 5);

    [Fact]
    public async Task A_model_trained_on_timestamped_events_serves_trending_to_unknown_users()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var outcome = await TrainAsync(harness);

        var artifact = await harness.Services.GetRequiredService<ModelStore>().LoadArtifactAsync(outcome.Promotion.Version!);
        Assert.NotNull(artifact.Trending);
        var response = await ServingHarness.RunAsync(
            await harness.Create<RecommendationFunctions>().GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=5&explain=true"), "stranger"), "GetRecommendations");
        Assert.Equal("trending", response.Json.GetProperty("strategy").GetString());
        var expected = Enumerable.Range(0, artifact.ItemIds.Length).OrderByDescending(i => artifact.Trending[i]).ThenBy(i => i).Take(5).Select(i => artifact.ItemIds[i]);
        Assert.Equal(expected, response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()));
        Assert.All(response.Json.GetProperty("items").EnumerateArray(), i => Assert.Equal("trending", i.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task With_the_trending_window_off_unknown_users_get_the_popular_list()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, new Dictionary<string, string?> { ["Tailor:Training:TrendingDays"] = "0" });

        var outcome = await TrainAsync(harness);

        var artifact = await harness.Services.GetRequiredService<ModelStore>().LoadArtifactAsync(outcome.Promotion.Version!);
        Assert.Null(artifact.Trending);
        var response = await ServingHarness.RunAsync(
            await harness.Create<RecommendationFunctions>().GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=5"), "stranger"), "GetRecommendations");
        Assert.Equal("popular", response.Json.GetProperty("strategy").GetString());
    }

    private static async Task<TrainingOutcome> TrainAsync(PipelineHarness harness)
    {
        await harness.UploadGeneratedAsync("day1.csv", s_shop);
        await harness.Create<IngestEventsFunctions>().IngestAsync("day1.csv", harness.Client, CancellationToken.None);
        var outcome = await harness.WaitForTrainingAsync();
        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        await harness.Services.GetRequiredService<ModelCache>().RefreshAsync();
        return outcome;
    }
}
