using Tailor.Formats;

namespace Tailor.Snapshot;

/// <summary>The blob of one <see cref="SnapshotShard"/>, written and read in one forward pass with the snapshot's
/// primitives: magic <c>TLSS</c>, format version, batch and event counts, ids, the partial interactions and their
/// times, per-user first/last seen and event counts, the <see cref="UserActivity"/> columns, the distinct active
/// days, then a SHA-256 trailer.</summary>
public static class SnapshotShardFile
{
    private static ReadOnlySpan<byte> Magic => "TLSS"u8;

    private const int FormatVersion = 1;

    public static async Task WriteAsync(Stream destination, SnapshotShard shard, CancellationToken cancellationToken = default)
    {
        ArtifactFormat.RequireLittleEndian();
        using var writer = new ArtifactWriter(destination);
        await writer.WriteBytesAsync(Magic, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(FormatVersion, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(shard.Batches, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt64Async(shard.Events, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(shard.UserIds, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(shard.ItemIds, cancellationToken).ConfigureAwait(false);
        await ArtifactMatrix.WriteAsync(writer, shard.Interactions, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(shard.Times, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(shard.UserFirstSeen, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(shard.UserLastSeen, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(shard.UserEventCounts, cancellationToken).ConfigureAwait(false);
        await SnapshotFile.WriteActivityAsync(writer, shard.Activity, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(shard.ActiveDays.Length, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(shard.ActiveDays, cancellationToken).ConfigureAwait(false);
        await writer.WriteTrailerAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a shard and verifies its checksum; a truncated, corrupted or foreign file throws
    /// <see cref="InvalidDataException"/>.</summary>
    public static Task<SnapshotShard> ReadAsync(Stream source, CancellationToken cancellationToken = default) =>
        ArtifactReader.ReadAsync(source, "The snapshot shard", ReadCoreAsync, cancellationToken);

    private static async Task<SnapshotShard> ReadCoreAsync(ArtifactReader reader, CancellationToken cancellationToken)
    {
        var magic = new byte[Magic.Length];
        await reader.ReadExactlyAsync(magic, cancellationToken).ConfigureAwait(false);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a Tailor snapshot shard (it does not start with \"TLSS\").");
        }

        var version = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported snapshot shard format version {version}; this build reads version {FormatVersion}.");
        }

        var batches = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
        var events = await reader.ReadInt64Async(cancellationToken).ConfigureAwait(false);
        var users = await reader.ReadStringsAsync("user ids", cancellationToken).ConfigureAwait(false);
        var items = await reader.ReadStringsAsync("item ids", cancellationToken).ConfigureAwait(false);
        var interactions = await ArtifactMatrix.ReadAsync(reader, users.Length, items.Length, "interactions", cancellationToken).ConfigureAwait(false);
        var times = await ReadAsync<long>(interactions.NonZeroCount, "interaction times").ConfigureAwait(false);
        var firstSeen = await ReadAsync<long>(users.Length, "first seen").ConfigureAwait(false);
        var lastSeen = await ReadAsync<long>(users.Length, "last seen").ConfigureAwait(false);
        var eventCounts = await ReadAsync<int>(users.Length, "event counts").ConfigureAwait(false);
        var activity = await SnapshotFile.ReadActivityAsync(reader, users.Length, cancellationToken).ConfigureAwait(false);
        var days = await reader.ReadCountAsync("active days", sizeof(long), cancellationToken).ConfigureAwait(false);
        var activeDays = await ReadAsync<long>(days, "active days").ConfigureAwait(false);
        await reader.VerifyTrailerAsync(cancellationToken).ConfigureAwait(false);
        return new SnapshotShard(batches, events, users, items, interactions, times, firstSeen, lastSeen, eventCounts, activity, activeDays);

        async Task<T[]> ReadAsync<T>(int count, string what)
            where T : unmanaged
        {
            var values = new T[count];
            await reader.ReadArrayAsync(values, what, cancellationToken).ConfigureAwait(false);
            return values;
        }
    }
}
