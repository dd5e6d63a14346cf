using Tailor.Events;
using Tailor.Profiles;
using Tailor.Snapshot;

namespace Tailor.Tests.Profiles;

public sealed class ProfileBuilderTests
{
    [Fact]
    public void Profiles_count_events_span_activity_and_rank_favourite_items_by_weight()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var builder = new SnapshotBuilder();
        builder.Add(new InteractionEvent("ann", "book", "view", null, 1f, start));
        builder.Add(new InteractionEvent("ann", "book", "purchase", null, 8f, start.AddHours(1)));
        builder.Add(new InteractionEvent("ann", "pen", "view", null, 1f, start.AddHours(2)));
        builder.Add(new InteractionEvent("ann", "lamp", "click", null, 2f, start.AddDays(3)));
        builder.Add(new InteractionEvent("bob", "pen", "view", null, 1f, start));

        var set = ProfileBuilder.Build(builder.Build(0.25, seed: 42));
        var profiles = Enumerable.Range(0, set.Count).Select(set.At).ToDictionary(p => p.UserId);

        var ann = profiles["ann"];
        Assert.Equal(4, ann.Interactions);
        Assert.Equal(3, ann.DistinctItems);
        Assert.Equal(start, ann.FirstSeen);
        Assert.Equal(start.AddDays(3), ann.LastSeen);
        Assert.Equal(["book", "lamp", "pen"], ann.TopItems.Select(i => i.ItemId));
        Assert.Equal(9f, ann.TopItems[0].Weight);
        Assert.Equal(1, profiles["bob"].Interactions);
    }

    [Fact]
    public void Profiles_are_sorted_by_user_id_so_a_lookup_is_a_binary_search()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var builder = new SnapshotBuilder();
        foreach (var user in new[] { "zoe", "Ann", "bob", "ann", "u10", "u9" })
        {
            builder.Add(new InteractionEvent(user, "book", "view", null, 1f, start));
            builder.Add(new InteractionEvent(user, "pen-" + user, "click", null, 2f, start.AddMinutes(1)));
        }

        var set = ProfileBuilder.Build(builder.Build(0.25, seed: 42));

        Assert.Equal(["Ann", "ann", "bob", "u10", "u9", "zoe"], set.UserIds);
        Assert.Equal("pen-u9", set.Find("u9")!.TopItems[0].ItemId);
        Assert.Null(set.Find("nobody"));
    }
}
