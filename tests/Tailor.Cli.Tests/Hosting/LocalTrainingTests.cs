using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Cli.Hosting;
using Tailor.Cli.Synthetic;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Hosting;

/// <summary>`tailor train` runs the very orchestration the Functions app runs, on the Durable Task Framework's
/// Azure Storage provider against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalTrainingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_cli_runs_the_training_orchestration_on_the_durable_task_framework_against_azurite()
    {
        var settings = IsolatedSettings.Create();
        await using var services = CliServices.Build(azurite.ConnectionString, LogLevel.Warning, settings);
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync();
        using (var events = new MemoryStream())
        {
            await new SyntheticEventGenerator(new GeneratorOptions(200, 100, 8_000, Seed: 3)).WriteEventsAsync(events);
            events.Position = 0;
            await storage.Events.GetBlobClient("cli.csv").UploadAsync(events);
        }

        Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<EventBatchIngestor>().IngestAsync("cli.csv")).Status);

        var outcome = await LocalTraining.RunAsync(
            azurite.ConnectionString, services, services.GetRequiredService<ILoggerFactory>(), "test",
            TimeSpan.FromMinutes(3), CancellationToken.None, taskHub: "cli" + Guid.NewGuid().ToString("N")[..12]);

        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        Assert.Equal(outcome.Promotion.Version, (await services.GetRequiredService<ModelPointer>().ReadAsync())?.Current.Version);
        var served = await services.GetRequiredService<RecommendationService>().GetForUserAsync("u1", 10);
        Assert.Equal(RecommendationStrategy.Personalized, served.Value?.Strategy);
    }
}
