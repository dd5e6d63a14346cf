using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Fresh;

[Collection(AzuriteCollection.Name)]
public sealed class FreshHistoryTableTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_user_keeps_only_the_latest_interactions_up_to_the_bound()
    {
        var (store, _) = await CreateAsync(new FreshOptions { MaxEventsPerUser = 200 });
        var events = Enumerable.Range(0, 250).Select(i => Event("u1", $"item-{i:000}", s_start.AddMinutes(-250 + i))).ToList();

        await store.AddAsync(events[..120]);
        await store.AddAsync(events[120..]);
        var history = await store.GetAsync("u1");

        Assert.Equal(200, history.Count);
        Assert.Equal(Enumerable.Range(50, 200).Select(i => $"item-{i:000}"), history.Events.Select(e => e.ItemId));
    }

    [Fact]
    public async Task Events_expire_once_the_ttl_has_passed_since_they_were_received()
    {
        var (store, time) = await CreateAsync(new FreshOptions { TtlHours = 24 });
        await store.AddAsync([Event("u1", "old", s_start.AddDays(-30))]);
        time.Advance(TimeSpan.FromHours(20));
        await store.AddAsync([Event("u1", "newer", s_start.AddHours(19))]);

        Assert.Equal(["old", "newer"], (await store.GetAsync("u1")).Events.Select(e => e.ItemId));

        time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(["newer"], (await store.GetAsync("u1")).Events.Select(e => e.ItemId));

        time.Advance(TimeSpan.FromHours(20));
        Assert.Equal(0, (await store.GetAsync("u1")).Count);
    }

    [Fact]
    public async Task The_same_event_added_twice_is_held_once_and_users_stay_apart()
    {
        var (store, _) = await CreateAsync(new FreshOptions());
        var bought = Event("user ü/1#?", "i1", s_start.AddMinutes(-1), weight: 5f);

        await store.AddAsync([bought, Event("u2", "i2", s_start)]);
        await store.AddAsync([bought, bought with { Weight = 1f }]);

        var first = await store.GetAsync("user ü/1#?");
        Assert.Equal([("i1", 5f), ("i1", 1f)], first.Events.Select(e => (e.ItemId, e.Weight)));
        Assert.Equal(["i2"], (await store.GetAsync("u2")).Events.Select(e => e.ItemId));
    }

    [Fact]
    public async Task Concurrent_writers_for_one_user_lose_no_event()
    {
        var (store, _) = await CreateAsync(new FreshOptions());

        await Task.WhenAll(Enumerable.Range(0, 6).Select(w =>
            store.AddAsync(Enumerable.Range(0, 5).Select(i => Event("u1", $"w{w}-{i}", s_start.AddSeconds((w * 5) + i))).ToList())));

        Assert.Equal(30, (await store.GetAsync("u1")).Count);
    }

    [Fact]
    public async Task Deleting_a_user_removes_their_history_and_only_theirs()
    {
        var (store, _) = await CreateAsync(new FreshOptions());
        await store.AddAsync([Event("u1", "i1", s_start), Event("u2", "i2", s_start)]);

        await store.DeleteUserAsync("u1");
        await store.DeleteUserAsync("u1");
        await store.DeleteUserAsync("never-seen");

        Assert.Equal(0, (await store.GetAsync("u1")).Count);
        Assert.Equal(1, (await store.GetAsync("u2")).Count);
    }

    [Fact]
    public async Task A_missing_table_reads_as_empty_and_is_created_by_the_first_write()
    {
        var storage = await azurite.CreateStorageAsync();
        await storage.Fresh.DeleteAsync();
        var store = new FreshHistoryTable(storage, Options.Create(new FreshOptions()), new ManualTimeProvider(s_start));

        Assert.Equal(0, (await store.GetAsync("u1")).Count);
        await store.AddAsync([Event("u1", "i1", s_start)]);

        Assert.Equal(1, (await store.GetAsync("u1")).Count);
    }

    [Fact]
    public async Task A_disabled_store_neither_writes_nor_reads()
    {
        var (store, _) = await CreateAsync(new FreshOptions { Enabled = false });

        await store.AddAsync([Event("u1", "i1", s_start)]);

        Assert.Equal(0, (await store.GetAsync("u1")).Count);
    }

    internal static InteractionEvent Event(string user, string item, DateTimeOffset at, float weight = 1f) =>
        new(user, item, "click", null, weight, at);

    private async Task<(FreshHistoryTable Store, ManualTimeProvider Time)> CreateAsync(FreshOptions options)
    {
        TailorStorage storage = await azurite.CreateStorageAsync();
        var time = new ManualTimeProvider(s_start);
        return (new FreshHistoryTable(storage, Options.Create(options), time), time);
    }
}
