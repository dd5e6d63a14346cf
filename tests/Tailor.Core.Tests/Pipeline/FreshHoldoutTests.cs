using Tailor.Events;
using Tailor.Pipeline;
using Tailor.Snapshot;

namespace Tailor.Tests.Pipeline;

public sealed class FreshHoldoutTests
{
    private static readonly DateTimeOffset s_start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static InteractionSnapshot Snapshot(IEnumerable<(string User, string Item)> pairs)
    {
        var builder = new SnapshotBuilder();
        var minute = 0;
        foreach (var (user, item) in pairs)
        {
            builder.Add(new InteractionEvent(user, item, "view", null, 1f, s_start.AddMinutes(minute++)));
        }

        return builder.Build(0.25, seed: 42);
    }

    private static IEnumerable<(string, string)> Grid(int users, int items, int itemOffset = 0) =>
        from u in Enumerable.Range(0, users)
        from i in Enumerable.Range(itemOffset, items)
        select ($"u{u}", $"i{i}");

    [Fact]
    public void Holdout_pairs_the_earlier_snapshot_contained_are_left_out_and_new_ones_kept()
    {
        var earlier = Snapshot(Grid(10, 8));
        var current = Snapshot(Grid(10, 8).Concat(Grid(10, 8, itemOffset: 8)).Concat(Grid(3, 8).Select(p => ("new-" + p.Item1, p.Item2))));

        var fresh = FreshHoldout.Of(current, earlier);

        var expected = 0;
        for (var u = 0; u < current.Holdout.UserCount; u++)
        {
            foreach (var item in current.Holdout.ItemsOf(u))
            {
                var user = current.UserIds[u];
                var known = !user.StartsWith("new-", StringComparison.Ordinal) && int.Parse(current.ItemIds[item][1..], System.Globalization.CultureInfo.InvariantCulture) < 8;
                expected += known ? 0 : 1;
            }
        }

        Assert.Equal(expected, fresh.NonZeroCount);
        Assert.InRange(fresh.NonZeroCount, 1, current.Holdout.NonZeroCount - 1);
    }

    [Fact]
    public void The_same_data_again_has_nothing_fresh()
    {
        var snapshot = Snapshot(Grid(6, 6));

        Assert.Equal(0, FreshHoldout.Of(snapshot, Snapshot(Grid(6, 6))).NonZeroCount);
    }

    [Fact]
    public void A_range_of_users_gets_its_own_rows_of_the_whole_and_nothing_else()
    {
        var earlier = Snapshot(Grid(10, 8));
        var current = Snapshot(Grid(12, 8).Concat(Grid(12, 8, itemOffset: 8)));
        var whole = FreshHoldout.Of(current, earlier);
        var users = current.Holdout.UserCount;

        var parts = 0;
        foreach (var (from, to) in new[] { (0, 5), (5, 9), (9, users) })
        {
            var range = FreshHoldout.Of(current, earlier, from, to);
            for (var u = 0; u < users; u++)
            {
                var expected = u >= from && u < to ? whole.ItemsOf(u).ToArray() : [];
                Assert.Equal(expected, range.ItemsOf(u).ToArray());
            }

            parts += range.NonZeroCount;
        }

        Assert.Equal(whole.NonZeroCount, parts);
        Assert.True(whole.NonZeroCount > 0);
    }
}
