using Microsoft.Extensions.DependencyInjection;
using Tailor.Fresh;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Training.Ease;

namespace Tailor.Tests.Fresh;

/// <summary>The app's own registration (<c>AddTailor</c>) wires one cached store into the events API's writer
/// and into serving, so an event posted on an instance changes that instance's next answer.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FreshRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Events_written_through_the_registered_api_writer_are_served_by_the_registered_service()
    {
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        settings["Tailor:Fresh:CacheMilliseconds"] = "60000";
        await using var services = TailorServices.Build(settings);
        Assert.IsType<CachedFreshHistory>(services.GetRequiredService<IFreshHistory>());
        await services.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
        var sample = SampleModel.Artifact();
        var ease = new ModelArtifact(sample.UserIds, sample.ItemIds, sample.History, sample.Popularity, new EaseTrainer(new EaseOptions(Lambda: 2f)).Fit(sample.History));
        await SampleModel.WriteVersionAsync(services.GetRequiredService<ModelStore>(), "v1", ease);
        await services.GetRequiredService<ModelPromoter>().PromoteAsync("v1", "test");
        var recommendations = services.GetRequiredService<RecommendationService>();
        Assert.Equal(RecommendationStrategy.Popular, (await recommendations.GetForUserAsync("newcomer", 5)).Value!.Strategy);

        var now = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var outcome = await services.GetRequiredService<EventApiWriter>().WriteAsync([new ApiEvent("newcomer", "i10", "click", null, now)]);

        Assert.Equal(1, outcome.Accepted);
        var after = (await recommendations.GetForUserAsync("newcomer", 5)).Value!;
        Assert.Equal(RecommendationStrategy.Fresh, after.Strategy);
        Assert.DoesNotContain(after.Items, i => i.ItemId == "i10");
    }
}
