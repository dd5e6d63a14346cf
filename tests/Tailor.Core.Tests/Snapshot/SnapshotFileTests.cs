using Tailor.Events;
using Tailor.Snapshot;

namespace Tailor.Tests.Snapshot;

public sealed class SnapshotFileTests
{
    private static InteractionSnapshot Sample()
    {
        var builder = new SnapshotBuilder { Batches = 2 };
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var u = 0; u < 20; u++)
        {
            for (var i = 0; i < 8; i++)
            {
                builder.Add(new InteractionEvent($"user-{u}", $"item-{(u + i) % 13}", "view", null, 1f + (i % 3), start.AddMinutes((u * 10) + i)));
            }
        }

        return builder.Build(0.25, seed: 42);
    }

    [Fact]
    public async Task Snapshot_round_trips_ids_matrices_and_activity()
    {
        var snapshot = Sample();
        using var stream = new MemoryStream();
        await SnapshotFile.WriteAsync(stream, snapshot);
        stream.Position = 0;

        var read = await SnapshotFile.ReadAsync(stream);

        Assert.Equal(snapshot.UserIds, read.UserIds);
        Assert.Equal(snapshot.ItemIds, read.ItemIds);
        Assert.Equal(snapshot.Train.Columns, read.Train.Columns);
        Assert.Equal(snapshot.Train.Values, read.Train.Values);
        Assert.Equal(snapshot.Holdout.RowOffsets, read.Holdout.RowOffsets);
        Assert.Equal(snapshot.UserFirstSeen, read.UserFirstSeen);
        Assert.Equal(snapshot.UserLastSeen, read.UserLastSeen);
        Assert.Equal(snapshot.UserEventCounts, read.UserEventCounts);
        Assert.Equal(2, read.Batches);
    }

    [Fact]
    public async Task Snapshot_with_a_flipped_byte_fails_its_checksum()
    {
        using var stream = new MemoryStream();
        await SnapshotFile.WriteAsync(stream, Sample());
        var bytes = stream.ToArray();
        bytes[bytes.Length / 2] ^= 0x40;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SnapshotFile.ReadAsync(new MemoryStream(bytes)));
        Assert.Contains("Checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_snapshot_is_refused_as_truncated()
    {
        using var stream = new MemoryStream();
        await SnapshotFile.WriteAsync(stream, Sample());
        var bytes = stream.ToArray()[..(int)(stream.Length - 40)];

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SnapshotFile.ReadAsync(new MemoryStream(bytes)));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_artifact_is_not_mistaken_for_a_snapshot()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SnapshotFile.ReadAsync(new MemoryStream("TLRM-and-more"u8.ToArray())));
        Assert.Contains("Not a Tailor snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_sums_repeated_events_and_holds_out_a_quarter_of_each_users_items()
    {
        var snapshot = Sample();

        for (var u = 0; u < snapshot.UserIds.Length; u++)
        {
            // 8 events over 8 distinct items per user (u+i mod 13 for i < 8 never repeats).
            Assert.Equal(8, snapshot.Train.CountOf(u) + snapshot.Holdout.CountOf(u));
            Assert.Equal(2, snapshot.Holdout.CountOf(u));
            Assert.Equal(8, snapshot.UserEventCounts[u]);
            Assert.Empty(snapshot.Train.ItemsOf(u).ToArray().Intersect(snapshot.Holdout.ItemsOf(u).ToArray()));
        }

        var all = snapshot.All();
        Assert.Equal(snapshot.Train.NonZeroCount + snapshot.Holdout.NonZeroCount, all.NonZeroCount);
    }

    [Fact]
    public void Each_interaction_keeps_the_time_of_its_latest_event()
    {
        var builder = new SnapshotBuilder { Batches = 1 };
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        builder.Add(new InteractionEvent("u", "a", "view", null, 1f, start.AddDays(3)));
        builder.Add(new InteractionEvent("u", "a", "view", null, 1f, start.AddDays(1)));
        builder.Add(new InteractionEvent("u", "b", "view", null, 1f, start.AddDays(2)));
        builder.Add(new InteractionEvent("u", "c", "view", null, 1f, start));
        builder.Add(new InteractionEvent("v", "a", "view", null, 1f, start.AddDays(5)));

        var snapshot = builder.Build(0.25, seed: 42);
        var (all, times) = snapshot.AllWithTimes();

        Assert.True(snapshot.HasTimes);
        Assert.NotNull(times);
        var expected = new Dictionary<(string User, string Item), DateTimeOffset>
        {
            [("u", "a")] = start.AddDays(3),
            [("u", "b")] = start.AddDays(2),
            [("u", "c")] = start,
            [("v", "a")] = start.AddDays(5),
        };
        Assert.Equal(expected.Count, all.NonZeroCount);
        for (var u = 0; u < all.UserCount; u++)
        {
            for (var k = all.RowOffsets[u]; k < all.RowOffsets[u + 1]; k++)
            {
                var key = (snapshot.UserIds[u], snapshot.ItemIds[all.Columns[k]]);
                Assert.Equal(expected[key].ToUnixTimeMilliseconds(), times[k]);
            }
        }

        Assert.Equal(start.AddDays(5).ToUnixTimeMilliseconds(), snapshot.LatestTime);
        Assert.Equal(2f, all.WeightsOf(Array.IndexOf(snapshot.UserIds, "u"))[0]);
    }

    [Fact]
    public async Task Interaction_times_round_trip_and_a_version_2_snapshot_reads_without_them()
    {
        var snapshot = Sample();
        using var stream = new MemoryStream();
        await SnapshotFile.WriteAsync(stream, snapshot);
        var bytes = stream.ToArray();

        var read = await SnapshotFile.ReadAsync(new MemoryStream(bytes));

        Assert.Equal(snapshot.TrainTimes, read.TrainTimes);
        Assert.Equal(snapshot.HoldoutTimes, read.HoldoutTimes);
        Assert.Equal(snapshot.Train.NonZeroCount, read.TrainTimes!.Length);

        // Version 2 ended after the event counts: cut the times and activity sections, stamp version 2, re-hash.
        var timesBytes = 4 + (8 * (snapshot.Train.NonZeroCount + snapshot.Holdout.NonZeroCount));
        var body = bytes[..^(32 + timesBytes + ActivityBytes(read.Activity!))];
        BitConverter.GetBytes(2).CopyTo(body, 4);
        var v2 = body.Concat(System.Security.Cryptography.SHA256.HashData(body)).ToArray();

        var old = await SnapshotFile.ReadAsync(new MemoryStream(v2));

        Assert.False(old.HasTimes);
        Assert.Null(old.LatestTime);
        Assert.Equal(snapshot.Train.Values, old.Train.Values);
        Assert.Equal(snapshot.UserEventCounts, old.UserEventCounts);
    }

    /// <summary>The bytes of the activity section (format 3): event type names, then the raw count and sum arrays.</summary>
    private static int ActivityBytes(UserActivity activity) =>
        4 + activity.EventTypes.Sum(t => 1 + System.Text.Encoding.UTF8.GetByteCount(t))
        + (4 * (activity.TypeCounts.Length + activity.HourCounts.Length + activity.WeekdayCounts.Length + activity.ActiveDays.Length + activity.RatingCounts.Length))
        + (8 * activity.RatingSums.Length);
}
