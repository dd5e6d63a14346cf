using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Ingestion;
using Tailor.Testing;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class FreshIngestionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_ingested_batch_adds_its_recent_events_to_the_fresh_history_and_not_its_old_ones()
    {
        var storage = await azurite.CreateStorageAsync();
        var time = new ManualTimeProvider(s_now);
        var fresh = new FreshHistoryTable(storage, Options.Create(new FreshOptions { TtlHours = 24 }), time);
        var ingestor = new EventBatchIngestor(storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, time, NullLogger<EventBatchIngestor>.Instance, fresh);
        var recent = s_now.AddHours(-2).ToUnixTimeSeconds();
        var old = s_now.AddDays(-3).ToUnixTimeSeconds();
        await storage.Events.GetBlobClient("mixed.csv").UploadAsync(BinaryData.FromString(
            $"user_id,item_id,event_type,timestamp\nu1,i1,purchase,{recent}\nu1,i2,view,{old}\nu2,i3,click,{recent + 60}\n"));

        var outcome = await ingestor.IngestAsync("mixed.csv");

        Assert.Equal(BatchStatus.Processed, outcome.Status);
        Assert.Equal(["i1"], (await fresh.GetAsync("u1")).Events.Select(e => e.ItemId));
        Assert.Equal(["i3"], (await fresh.GetAsync("u2")).Events.Select(e => e.ItemId));
    }

    [Fact]
    public async Task Events_posted_through_the_api_reach_the_fresh_history_once_even_after_their_blob_is_ingested()
    {
        var storage = await azurite.CreateStorageAsync();
        var time = new ManualTimeProvider(s_now);
        var fresh = new FreshHistoryTable(storage, Options.Create(new FreshOptions()), time);
        var writer = new EventApiWriter(storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, time, fresh);
        var ingestor = new EventBatchIngestor(storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, time, NullLogger<EventBatchIngestor>.Instance, fresh);

        var outcome = await writer.WriteAsync(
        [
            new ApiEvent("newcomer", "i1", "view", null, "2026-12-01T11:59:00Z"),
            new ApiEvent("newcomer", "i2", "purchase", null, "2026-12-01T11:59:30Z"),
            new ApiEvent("newcomer", "i3", "teleport", null, "2026-12-01T11:59:40Z"),
        ]);
        Assert.Equal(["i1", "i2"], (await fresh.GetAsync("newcomer")).Events.Select(e => e.ItemId));

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(BatchStatus.Processed, (await ingestor.IngestAsync(outcome.BlobName!)).Status);

        var held = (await fresh.GetAsync("newcomer")).Events;
        Assert.Equal(["i1", "i2"], held.Select(e => e.ItemId));
        Assert.True(held[1].Weight > held[0].Weight, "a purchase weighs more than a view under the default event weights");
    }
}
