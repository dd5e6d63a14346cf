using Tailor.Events;
using Tailor.Pipeline;
using Tailor.Snapshot;

namespace Tailor.Tests.Snapshot;

public sealed class SnapshotShardTests
{
    private static readonly string[] s_types = ["view", "click", "rating", "purchase"];

    /// <summary>Four batches of events over shared users and items: integer weights, half-star ratings, and times
    /// over several days.</summary>
    private static List<InteractionEvent>[] Batches()
    {
        var random = new Random(5);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var batches = new List<InteractionEvent>[4];
        for (var b = 0; b < batches.Length; b++)
        {
            batches[b] = [];
            for (var n = 0; n < 600; n++)
            {
                var type = s_types[random.Next(s_types.Length)];
                var weight = type switch { "purchase" => 5f, "click" => 2f, _ => 1f };
                double? value = type == "rating" ? random.Next(1, 11) / 2.0 : null;
                batches[b].Add(new InteractionEvent(
                    $"u{random.Next(40 + (b * 10))}", $"i{random.Next(30 + (b * 5))}", type, value, weight,
                    start.AddMinutes(random.Next(60 * 24 * 9))));
            }
        }

        return batches;
    }

    [Fact]
    public async Task Shards_merged_in_batch_order_give_the_snapshot_of_one_builder_reading_every_batch()
    {
        var batches = Batches();
        var single = new SnapshotBuilder { Batches = batches.Length };
        foreach (var e in batches.SelectMany(b => b))
        {
            single.Add(e);
        }

        var merged = new SnapshotBuilder();
        foreach (var group in new[] { batches[..1], batches[1..3], batches[3..] })
        {
            var shard = new SnapshotBuilder { Batches = group.Length };
            foreach (var e in group.SelectMany(b => b))
            {
                shard.Add(e);
            }

            using var stream = new MemoryStream();
            await SnapshotShardFile.WriteAsync(stream, shard.ToShard());
            stream.Position = 0;
            merged.Add(await SnapshotShardFile.ReadAsync(stream));
        }

        var expected = single.Build(0.25, seed: 42);
        var actual = merged.Build(0.25, seed: 42);

        Assert.Equal(single.EventCount, merged.EventCount);
        Assert.Equal(expected.Batches, actual.Batches);
        Assert.Equal(expected.UserIds, actual.UserIds);
        Assert.Equal(expected.ItemIds, actual.ItemIds);
        foreach (var (e, a) in new[] { (expected.Train, actual.Train), (expected.Holdout, actual.Holdout) })
        {
            Assert.Equal(e.RowOffsets, a.RowOffsets);
            Assert.Equal(e.Columns, a.Columns);
            Assert.Equal(e.Values, a.Values);
        }

        Assert.Equal(expected.TrainTimes, actual.TrainTimes);
        Assert.Equal(expected.HoldoutTimes, actual.HoldoutTimes);
        Assert.Equal(expected.UserFirstSeen, actual.UserFirstSeen);
        Assert.Equal(expected.UserLastSeen, actual.UserLastSeen);
        Assert.Equal(expected.UserEventCounts, actual.UserEventCounts);
        Assert.Equal(expected.Activity!.EventTypes, actual.Activity!.EventTypes);
        Assert.Equal(expected.Activity.TypeCounts, actual.Activity.TypeCounts);
        Assert.Equal(expected.Activity.HourCounts, actual.Activity.HourCounts);
        Assert.Equal(expected.Activity.WeekdayCounts, actual.Activity.WeekdayCounts);
        Assert.Equal(expected.Activity.ActiveDays, actual.Activity.ActiveDays);
        Assert.Equal(expected.Activity.RatingSums, actual.Activity.RatingSums);
        Assert.Equal(expected.Activity.RatingCounts, actual.Activity.RatingCounts);
    }

    [Fact]
    public async Task A_shard_with_a_flipped_byte_fails_its_checksum()
    {
        var shard = new SnapshotBuilder { Batches = 1 };
        foreach (var e in Batches()[0])
        {
            shard.Add(e);
        }

        using var stream = new MemoryStream();
        await SnapshotShardFile.WriteAsync(stream, shard.ToShard());
        var bytes = stream.ToArray();
        bytes[bytes.Length / 2] ^= 0x40;

        await Assert.ThrowsAsync<InvalidDataException>(() => SnapshotShardFile.ReadAsync(new MemoryStream(bytes)));
    }

    [Theory]
    [InlineData(new long[] { 5, 5, 5, 5 }, 2, new[] { 2, 2 })]
    [InlineData(new long[] { 5, 5, 5 }, 8, new[] { 1, 1, 1 })]
    [InlineData(new long[] { 100, 1, 1, 1, 1 }, 2, new[] { 1, 4 })]
    [InlineData(new long[] { 1, 1, 1, 100 }, 3, new[] { 2, 1, 1 })]
    [InlineData(new long[] { 0, 0, 0, 0, 0 }, 2, new[] { 3, 2 })]
    [InlineData(new long[] { }, 4, new int[] { })]
    public void Batches_are_grouped_consecutively_into_at_most_the_configured_shards_by_their_events(long[] events, int shards, int[] sizes)
    {
        var batches = events.Select((n, b) => ($"b{b}", n)).ToList();

        var groups = SnapshotStage.Group(batches, shards);

        Assert.Equal(sizes, groups.Select(g => g.Length));
        Assert.Equal(batches.Select(b => b.Item1), groups.SelectMany(g => g));
    }
}
