using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Tailor.Snapshot;

/// <summary>The snapshot blob: magic, format version, ids, both matrices, activity times, and a SHA-256
/// trailer over everything before it.</summary>
public static class SnapshotFile
{
    private const int Magic = 0x4E534C54; // "TLSN"
    private const int FormatVersion = 1;

    public static async Task WriteAsync(Stream destination, InteractionSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(snapshot.Batches);
            InteractionMatrixFormat.WriteStrings(writer, snapshot.UserIds);
            InteractionMatrixFormat.WriteStrings(writer, snapshot.ItemIds);
            InteractionMatrixFormat.Write(writer, snapshot.Train);
            InteractionMatrixFormat.Write(writer, snapshot.Holdout);
            writer.Write(MemoryMarshal.AsBytes(snapshot.UserFirstSeen.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(snapshot.UserLastSeen.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(snapshot.UserEventCounts.AsSpan()));
        }

        var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(hash, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<InteractionSnapshot> ReadAsync(Stream source, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var length = (int)buffer.Length - SHA256.HashSizeInBytes;
        if (length < 8)
        {
            throw new InvalidDataException("The snapshot is truncated.");
        }

        var bytes = buffer.GetBuffer();
        if (!SHA256.HashData(bytes.AsSpan(0, length)).AsSpan().SequenceEqual(bytes.AsSpan(length, SHA256.HashSizeInBytes)))
        {
            throw new InvalidDataException("The snapshot's checksum does not match its content.");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, length, writable: false));
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("Not a Tailor snapshot (bad magic).");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported snapshot format version {version}.");
        }

        var batches = reader.ReadInt32();
        var users = InteractionMatrixFormat.ReadStrings(reader);
        var items = InteractionMatrixFormat.ReadStrings(reader);
        var train = InteractionMatrixFormat.Read(reader);
        var holdout = InteractionMatrixFormat.Read(reader);
        var firstSeen = InteractionMatrixFormat.ReadArray<long>(reader, users.Length);
        var lastSeen = InteractionMatrixFormat.ReadArray<long>(reader, users.Length);
        var eventCounts = InteractionMatrixFormat.ReadArray<int>(reader, users.Length);
        return new InteractionSnapshot(users, items, train, holdout, firstSeen, lastSeen, eventCounts, batches);
    }
}
