using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Cli.Hosting;
using Tailor.Ingestion;
using Tailor.Pipeline;
using Tailor.Storage;
using Tailor.Cli.Synthetic;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Hosting;

/// <summary>`tailor train` shows the stages the orchestration goes through while it runs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrainingProgressTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Local_training_reports_the_stages_it_starts_in_pipeline_order_with_their_counts()
    {
        var settings = IsolatedSettings.Create();
        await using var services = CliServices.Build(azurite.ConnectionString, LogLevel.Warning, settings);
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync();
        using (var events = new MemoryStream())
        {
            await new SyntheticEventGenerator(new GeneratorOptions(200, 100, 8_000, Seed: 5)).WriteEventsAsync(events);
            events.Position = 0;
            await storage.Events.GetBlobClient("progress.csv").UploadAsync(events);
        }

        Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<EventBatchIngestor>().IngestAsync("progress.csv")).Status);

        var seen = new ConcurrentQueue<TrainingProgress>();
        await LocalTraining.RunAsync(
            azurite.ConnectionString, services, services.GetRequiredService<ILoggerFactory>(), "test",
            TimeSpan.FromMinutes(3), CancellationToken.None, taskHub: "progress" + Guid.NewGuid().ToString("N")[..12], progress: seen.Enqueue);

        // Polling can miss a stage shorter than its interval, but what it sees comes in pipeline order.
        Assert.NotEmpty(seen);
        var order = seen.Select(p => TrainingProgress.Stages.ToList().IndexOf(p.Stage)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.All(seen, p => Assert.False(string.IsNullOrWhiteSpace(p.Detail)));
        if (seen.FirstOrDefault(p => p.Stage == TrainingProgress.Stages[1]) is { } training)
        {
            Assert.Contains(" users, ", training.Detail, StringComparison.Ordinal);
        }
    }
}
