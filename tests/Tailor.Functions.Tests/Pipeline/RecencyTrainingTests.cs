using System.Globalization;
using System.Text;
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

/// <summary>A training run over events whose users moved on to new items stores trending scores with the model, and
/// serving answers unknown users with them; without a trending window, or on data without such a shift, they get the
/// popular list.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecencyTrainingTests(AzuriteFixture azurite)
{
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

    [Fact]
    public async Task Unknown_users_get_trending_exactly_when_the_run_kept_trending_scores()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("day1.csv", s_shop);
        await harness.Create<IngestEventsFunctions>().IngestAsync("day1.csv", harness.Client, CancellationToken.None);
        var outcome = await harness.WaitForTrainingAsync();
        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        await harness.Services.GetRequiredService<ModelCache>().RefreshAsync();

        var artifact = await harness.Services.GetRequiredService<ModelStore>().LoadArtifactAsync(outcome.Promotion.Version!);
        var response = await ServingHarness.RunAsync(
            await harness.Create<RecommendationFunctions>().GetForUser(ServingHarness.Get("/api/recommendations/stranger", "?count=5"), "stranger"), "GetRecommendations");

        Assert.Equal(artifact.Trending is null ? "popular" : "trending", response.Json.GetProperty("strategy").GetString());
    }

    /// <summary>160 users in four taste groups over 40 items, 60 days ending 2026-06-30: early on (days 0–40) each user
    /// touches the five items of their group among 0–19 and six random ones of 0–19; in the last week, the five items of
    /// their group among 20–39. Old items are the most popular overall; the latest interactions are all new items.</summary>
    private static byte[] ShiftingTaste()
    {
        var random = new Random(3);
        var end = new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);
        var csv = new StringBuilder("user_id,item_id,event_type,timestamp\n");
        for (var u = 0; u < 160; u++)
        {
            var group = u % 4;
            void Add(int item, double daysBeforeEnd) =>
                csv.Append(CultureInfo.InvariantCulture, $"u{u},i{item},view,{end.AddDays(-daysBeforeEnd).ToUnixTimeSeconds()}\n");

            for (var k = 0; k < 5; k++)
            {
                Add((group * 5) + k, 60 - (random.NextDouble() * 40));
            }

            for (var k = 0; k < 6; k++)
            {
                Add(random.Next(20), 60 - (random.NextDouble() * 40));
            }

            for (var k = 0; k < 5; k++)
            {
                Add(20 + (group * 5) + k, random.NextDouble() * 6);
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<TrainingOutcome> TrainAsync(PipelineHarness harness)
    {
        await harness.UploadAsync("day1.csv", ShiftingTaste());
        await harness.Create<IngestEventsFunctions>().IngestAsync("day1.csv", harness.Client, CancellationToken.None);
        var outcome = await harness.WaitForTrainingAsync();
        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        await harness.Services.GetRequiredService<ModelCache>().RefreshAsync();
        return outcome;
    }
}
