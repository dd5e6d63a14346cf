using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Hosting;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Hosting;

/// <summary>A one-shot command (<c>tailor recommend</c>) runs no host that would stop the impressions flusher: disposing
/// its services must store what it served.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImpressionFlushOnExitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_list_served_by_a_one_shot_command_is_stored_when_its_services_are_disposed()
    {
        var settings = IsolatedSettings.Create();
        settings["Tailor:Feedback:FlushIntervalMilliseconds"] = "60000";
        string recommendationId;
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var services = CliServices.Build(azurite.ConnectionString, settings: settings))
        {
            var storage = services.GetRequiredService<TailorStorage>();
            await storage.EnsureCreatedAsync();
            await SampleModel.WriteVersionAsync(services.GetRequiredService<ModelStore>(), "v-cli", SampleModel.Artifact());
            Assert.Equal(PromotionStatus.Promoted, (await services.GetRequiredService<ModelPromoter>().PromoteAsync("v-cli", "test")).Status);

            var answer = (await services.GetRequiredService<RecommendationService>().GetForUserAsync("u7", 3)).Value!;
            recommendationId = answer.RecommendationId;
            Assert.Empty(await ReadAsync(services.GetRequiredService<ImpressionStore>(), before));
        }

        await using var after = CliServices.Build(azurite.ConnectionString, settings: settings);
        var stored = Assert.Single(await ReadAsync(after.GetRequiredService<ImpressionStore>(), before));
        Assert.Equal((recommendationId, "u7", "v-cli"), (stored.RecommendationId, stored.UserId, stored.ModelVersion));
    }

    private static async Task<List<Impression>> ReadAsync(ImpressionStore store, DateTimeOffset from)
    {
        var all = new List<Impression>();
        await foreach (var impression in store.ReadAsync(from, DateTimeOffset.UtcNow.AddHours(1)))
        {
            all.Add(impression);
        }

        return all;
    }
}
