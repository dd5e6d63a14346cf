using Tailor.Fresh;
using Tailor.Testing;
using Tailor.Tests.Serving;
using static Tailor.Tests.Fresh.FreshHistoryTableTests;

namespace Tailor.Tests.Fresh;

public sealed class CachedFreshHistoryTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_within_the_cache_time_reach_the_store_once()
    {
        var store = new CountingFreshHistory(new FreshOptions { CacheMilliseconds = 2000 });
        var time = new ManualTimeProvider(s_start);
        var cache = new CachedFreshHistory(store, time);

        await cache.GetAsync("u1");
        await cache.GetAsync("u1");
        time.Advance(TimeSpan.FromMilliseconds(1999));
        await cache.GetAsync("u1");
        Assert.Equal(1, store.Reads);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await cache.GetAsync("u1");
        await cache.GetAsync("u1");
        await cache.GetAsync("u2");
        await Eventually.PollAsync(() => Task.FromResult(store.Reads >= 3 ? "read" : null), TimeSpan.FromSeconds(30), "the renewal of u1");
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task A_held_history_past_the_cache_time_answers_at_once_while_its_renewal_reads_the_store()
    {
        var store = new GatedFreshHistory();
        var time = new ManualTimeProvider(s_start);
        var cache = new CachedFreshHistory(store, time);
        store.Open();
        Assert.Equal(0, (await cache.GetAsync("u1")).Count);
        store.Close();
        await store.Inner.AddAsync([Event("u1", "elsewhere", s_start)]);
        time.Advance(TimeSpan.FromSeconds(2));

        var stale = cache.GetAsync("u1");
        Assert.True(stale.IsCompleted, "a held history answers without waiting for the store");
        Assert.Equal(0, (await stale).Count);

        store.Open();
        var renewed = await Eventually.PollAsync(
            async () => (await cache.GetAsync("u1")) is { Count: > 0 } history ? history : null, TimeSpan.FromSeconds(30), "the renewed history");
        Assert.Equal(["elsewhere"], renewed.Events.Select(e => e.ItemId));
    }

    [Fact]
    public async Task Another_writer_is_seen_after_the_cache_time_and_this_process_own_write_at_once()
    {
        var store = new CountingFreshHistory();
        var time = new ManualTimeProvider(s_start);
        var cache = new CachedFreshHistory(store, time);
        Assert.Equal(0, (await cache.GetAsync("u1")).Count);

        await store.AddAsync([Event("u1", "elsewhere", s_start)]);
        Assert.Equal(0, (await cache.GetAsync("u1")).Count);
        time.Advance(TimeSpan.FromSeconds(2));
        var seen = await Eventually.PollAsync(
            async () => (await cache.GetAsync("u1")) is { Count: > 0 } history ? history : null, TimeSpan.FromSeconds(30), "the other writer's event");
        Assert.Equal(["elsewhere"], seen.Events.Select(e => e.ItemId));

        await cache.AddAsync([Event("u1", "here", s_start.AddSeconds(1))]);
        Assert.Equal(["elsewhere", "here"], (await cache.GetAsync("u1")).Events.Select(e => e.ItemId));

        await cache.DeleteUserAsync("u1");
        Assert.Equal(0, (await cache.GetAsync("u1")).Count);
    }

    [Fact]
    public async Task The_cache_holds_at_most_the_configured_number_of_users()
    {
        var store = new CountingFreshHistory(new FreshOptions { MaxCachedUsers = 10 });
        var cache = new CachedFreshHistory(store, new ManualTimeProvider(s_start));

        for (var u = 0; u < 35; u++)
        {
            await cache.GetAsync($"u{u}");
            Assert.InRange(cache.CachedUsers, 1, 10);
        }
    }

    [Fact]
    public async Task A_cache_time_of_zero_reads_every_time()
    {
        var store = new CountingFreshHistory(new FreshOptions { CacheMilliseconds = 0 });
        var cache = new CachedFreshHistory(store, new ManualTimeProvider(s_start));

        await cache.GetAsync("u1");
        await cache.GetAsync("u1");

        Assert.Equal(2, store.Reads);
    }
}
