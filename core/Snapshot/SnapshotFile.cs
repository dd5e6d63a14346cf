using Tailor.Formats;

namespace Tailor.Snapshot;

/// <summary>The snapshot blob, written and read in one forward pass through the same streaming, hashing
/// primitives as model artifacts: magic <c>TLSN</c>, format version, batch count, ids, the training and
/// holdout matrices, per-user activity, and since version 3 the time of each interaction and the <see cref="UserActivity"/>
/// columns, then a SHA-256 trailer over everything before it. Version 2 snapshots still read (without times or
/// <see cref="InteractionSnapshot.Activity"/>).</summary>
public static class SnapshotFile
{
    private static ReadOnlySpan<byte> Magic => "TLSN"u8;

    private const int FormatVersion = 3;

    private const int OldestReadable = 2;

    public static async Task WriteAsync(Stream destination, InteractionSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArtifactFormat.RequireLittleEndian();
        using var writer = new ArtifactWriter(destination);
        await writer.WriteBytesAsync(Magic, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(FormatVersion, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(snapshot.Batches, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(snapshot.UserIds, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(snapshot.ItemIds, cancellationToken).ConfigureAwait(false);
        await ArtifactMatrix.WriteAsync(writer, snapshot.Train, cancellationToken).ConfigureAwait(false);
        await ArtifactMatrix.WriteAsync(writer, snapshot.Holdout, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(snapshot.UserFirstSeen, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(snapshot.UserLastSeen, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(snapshot.UserEventCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(snapshot.HasTimes ? 1 : 0, cancellationToken).ConfigureAwait(false);
        if (snapshot.HasTimes)
        {
            await writer.WriteArrayAsync(snapshot.TrainTimes!, cancellationToken).ConfigureAwait(false);
            await writer.WriteArrayAsync(snapshot.HoldoutTimes!, cancellationToken).ConfigureAwait(false);
        }

        await WriteActivityAsync(writer, snapshot.Activity ?? Empty(snapshot.UserIds.Length), cancellationToken).ConfigureAwait(false);
        await writer.WriteTrailerAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a snapshot and verifies its checksum; a truncated, corrupted or foreign file throws
    /// <see cref="InvalidDataException"/>.</summary>
    public static Task<InteractionSnapshot> ReadAsync(Stream source, CancellationToken cancellationToken = default) =>
        ArtifactReader.ReadAsync(source, "The snapshot", ReadCoreAsync, cancellationToken);

    private static async Task<InteractionSnapshot> ReadCoreAsync(ArtifactReader reader, CancellationToken cancellationToken)
    {
        var magic = new byte[Magic.Length];
        await reader.ReadExactlyAsync(magic, cancellationToken).ConfigureAwait(false);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a Tailor snapshot (it does not start with \"TLSN\").");
        }

        var version = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
        if (version is < OldestReadable or > FormatVersion)
        {
            throw new InvalidDataException($"Unsupported snapshot format version {version}; this build reads versions {OldestReadable} to {FormatVersion}.");
        }

        var batches = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
        var users = await reader.ReadStringsAsync("user ids", cancellationToken).ConfigureAwait(false);
        var items = await reader.ReadStringsAsync("item ids", cancellationToken).ConfigureAwait(false);
        var train = await ArtifactMatrix.ReadAsync(reader, users.Length, items.Length, "training interactions", cancellationToken).ConfigureAwait(false);
        var holdout = await ArtifactMatrix.ReadAsync(reader, users.Length, items.Length, "holdout interactions", cancellationToken).ConfigureAwait(false);
        var firstSeen = new long[users.Length];
        await reader.ReadArrayAsync(firstSeen, "first seen", cancellationToken).ConfigureAwait(false);
        var lastSeen = new long[users.Length];
        await reader.ReadArrayAsync(lastSeen, "last seen", cancellationToken).ConfigureAwait(false);
        var eventCounts = new int[users.Length];
        await reader.ReadArrayAsync(eventCounts, "event counts", cancellationToken).ConfigureAwait(false);
        long[]? trainTimes = null, holdoutTimes = null;
        if (version >= 3 && await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false) == 1)
        {
            trainTimes = new long[train.NonZeroCount];
            await reader.ReadArrayAsync(trainTimes, "training interaction times", cancellationToken).ConfigureAwait(false);
            holdoutTimes = new long[holdout.NonZeroCount];
            await reader.ReadArrayAsync(holdoutTimes, "holdout interaction times", cancellationToken).ConfigureAwait(false);
        }

        var activity = version >= 3 ? await ReadActivityAsync(reader, users.Length, cancellationToken).ConfigureAwait(false) : null;
        await reader.VerifyTrailerAsync(cancellationToken).ConfigureAwait(false);
        return new InteractionSnapshot(users, items, train, holdout, firstSeen, lastSeen, eventCounts, batches, trainTimes, holdoutTimes) { Activity = activity };
    }

    /// <summary>The <see cref="UserActivity"/> columns (also a section of <see cref="SnapshotShardFile"/>).</summary>
    internal static async ValueTask WriteActivityAsync(ArtifactWriter writer, UserActivity activity, CancellationToken cancellationToken)
    {
        await writer.WriteStringsAsync(activity.EventTypes, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(activity.TypeCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(activity.HourCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(activity.WeekdayCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(activity.ActiveDays, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(activity.RatingSums, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(activity.RatingCounts, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<UserActivity> ReadActivityAsync(ArtifactReader reader, int users, CancellationToken cancellationToken)
    {
        var types = await reader.ReadStringsAsync("event types", cancellationToken).ConfigureAwait(false);
        reader.CheckCount("event type counts", (long)users * types.Length, sizeof(int));
        var typeCounts = await ReadAsync<int>(users * types.Length, "event type counts").ConfigureAwait(false);
        var hours = await ReadAsync<int>(users * UserActivity.Hours, "hour counts").ConfigureAwait(false);
        var weekdays = await ReadAsync<int>(users * UserActivity.Weekdays, "weekday counts").ConfigureAwait(false);
        var activeDays = await ReadAsync<int>(users, "active days").ConfigureAwait(false);
        var ratingSums = await ReadAsync<double>(users, "rating sums").ConfigureAwait(false);
        var ratingCounts = await ReadAsync<int>(users, "rating counts").ConfigureAwait(false);
        return new UserActivity(types, typeCounts, hours, weekdays, activeDays, ratingSums, ratingCounts);

        async Task<T[]> ReadAsync<T>(int count, string what)
            where T : unmanaged
        {
            var values = new T[count];
            await reader.ReadArrayAsync(values, what, cancellationToken).ConfigureAwait(false);
            return values;
        }
    }

    private static UserActivity Empty(int users) =>
        new([], [], new int[users * UserActivity.Hours], new int[users * UserActivity.Weekdays], new int[users], new double[users], new int[users]);
}
