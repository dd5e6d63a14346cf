using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Models;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Feedback;

[Collection(AzuriteCollection.Name)]
public sealed class ImpressionRecordingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Served_list_is_recorded_with_its_id_and_flushed_in_the_background_to_its_hour_blob()
    {
        var storage = await azurite.CreateStorageAsync();
        var (buffer, store, flusher) = Parts(storage, new FeedbackOptions { FlushIntervalMilliseconds = 20 });
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small(), "v-served");
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None, impressions: buffer);
        await flusher.StartAsync(CancellationToken.None);
        try
        {
            var before = DateTimeOffset.UtcNow.AddMinutes(-1);
            var answer = (await service.GetForUserAsync("u0", 3)).Value!;
            var session = (await service.ForSessionAsync(["i1"], 2)).Value!;

            Assert.Equal(32, answer.RecommendationId.Length);
            Assert.NotEqual(answer.RecommendationId, session.RecommendationId);
            Assert.Equal(Variants.Champion, answer.Variant);
            var stored = await Eventually.PollAsync(async () =>
            {
                var all = await ReadAsync(store, before);
                return all.Count >= 2 ? all : null;
            }, TimeSpan.FromSeconds(20), "both impressions flushed");

            var user = Assert.Single(stored, i => i.RecommendationId == answer.RecommendationId);
            Assert.Equal("u0", user.UserId);
            Assert.Equal(answer.Items.Select(i => i.ItemId), user.Items);
            Assert.Equal("v-served", user.ModelVersion);
            Assert.Equal(answer.Strategy, user.Strategy);
            Assert.Equal(ServingTelemetry.Routes.User, user.Route);
            var anonymous = Assert.Single(stored, i => i.RecommendationId == session.RecommendationId);
            Assert.Null(anonymous.UserId);
            Assert.Equal(ServingTelemetry.Routes.Session, anonymous.Route);
            var hour = ImpressionStore.HourPrefix(user.TimestampUtc);
            var blobs = new List<string>();
            await foreach (var blob in storage.Impressions.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = hour }))
            {
                blobs.Add(blob.Name);
            }

            Assert.Equal(hour + store.Instance + ".jsonl", Assert.Single(blobs));
        }
        finally
        {
            await flusher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_clean_shutdown_flushes_what_is_still_buffered()
    {
        var storage = await azurite.CreateStorageAsync();
        var (buffer, store, flusher) = Parts(storage, new FeedbackOptions { FlushIntervalMilliseconds = 60_000 });
        await flusher.StartAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 250; i++)
        {
            buffer.Record(Sample($"r{i}", now));
        }

        Assert.Empty(await ReadAsync(store, now.AddMinutes(-1)));
        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(0, buffer.Count);
        var stored = await ReadAsync(store, now.AddMinutes(-1));
        Assert.Equal(250, stored.Count);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"r{i}").Order(StringComparer.Ordinal),
            stored.Select(i => i.RecommendationId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Impressions_of_different_hours_go_to_their_own_hour_folders()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ImpressionStore(storage);
        var first = new DateTimeOffset(2026, 11, 30, 22, 59, 59, TimeSpan.Zero);
        await store.AppendAsync([Sample("a", first), Sample("b", first.AddSeconds(2))]);
        await store.AppendAsync([Sample("c", first.AddSeconds(3))]);

        var names = new List<string>();
        await foreach (var blob in storage.Impressions.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Equal(["2026-11-30/22/" + store.Instance + ".jsonl", "2026-11-30/23/" + store.Instance + ".jsonl"], names.Order(StringComparer.Ordinal));
        var late = new List<string>();
        await foreach (var impression in store.ReadAsync(first.AddSeconds(1), first.AddHours(2)))
        {
            late.Add(impression.RecommendationId);
        }

        Assert.Equal(["b", "c"], late.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sampling_keeps_the_configured_share_and_decides_the_same_for_the_same_id()
    {
        const int N = 20_000;
        const double Rate = 0.3;
        var ids = Enumerable.Range(0, N).Select(_ => Guid.CreateVersion7().ToString("N")).ToArray();

        var kept = ids.Count(id => ImpressionBuffer.IsSampled(id, Rate));

        // Binomial: mean N·p, sd √(N·p·(1−p)) ≈ 65; 5 sd either side.
        var sd = Math.Sqrt(N * Rate * (1 - Rate));
        Assert.InRange(kept, (N * Rate) - (5 * sd), (N * Rate) + (5 * sd));
        Assert.All(ids.Take(100), id => Assert.Equal(ImpressionBuffer.IsSampled(id, Rate), ImpressionBuffer.IsSampled(id, Rate)));
        Assert.All(ids.Take(100), id => Assert.True(ImpressionBuffer.IsSampled(id, 1.0)));
        Assert.All(ids.Take(100), id => Assert.False(ImpressionBuffer.IsSampled(id, 0.0)));
    }

    [Fact]
    public void A_buffer_sampling_nothing_records_nothing_and_a_full_buffer_drops_instead_of_waiting()
    {
        var none = new ImpressionBuffer(Options.Create(new FeedbackOptions { ImpressionSampling = 0 }));
        none.Record(Sample("x", DateTimeOffset.UtcNow));
        Assert.Equal(0, none.Count);
        Assert.Equal(1, none.SampledOut);

        var small = new ImpressionBuffer(Options.Create(new FeedbackOptions { BufferCapacity = 16 }));
        for (var i = 0; i < 20; i++)
        {
            small.Record(Sample($"r{i}", DateTimeOffset.UtcNow));
        }

        Assert.Equal(16, small.Count);
        Assert.Equal(4, small.Dropped);
    }

    internal static Impression Sample(string id, DateTimeOffset at, string? user = "u1", string[]? items = null, string version = "v1",
        string strategy = RecommendationStrategy.Personalized, string variant = Variants.Champion) =>
        new(id, user, items ?? ["i1", "i2", "i3"], version, strategy, variant, ServingTelemetry.Routes.User, at);

    private static (ImpressionBuffer, ImpressionStore, ImpressionFlusher) Parts(TailorStorage storage, FeedbackOptions options)
    {
        var buffer = new ImpressionBuffer(Options.Create(options));
        var store = new ImpressionStore(storage);
        var flusher = new ImpressionFlusher(buffer, store, Options.Create(options), TimeProvider.System, NullLogger<ImpressionFlusher>.Instance);
        return (buffer, store, flusher);
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
