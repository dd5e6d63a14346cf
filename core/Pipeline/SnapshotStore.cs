using Tailor.Snapshot;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>Reads and writes snapshot blobs in the snapshots container.</summary>
public static class SnapshotStore
{
    public static async Task WriteAsync(TailorStorage storage, string blobName, InteractionSnapshot snapshot, CancellationToken cancellationToken)
    {
        var blob = storage.Snapshots.GetBlobClient(blobName);
        await using var stream = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await SnapshotFile.WriteAsync(stream, snapshot, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<InteractionSnapshot> ReadAsync(TailorStorage storage, string blobName, CancellationToken cancellationToken)
    {
        var blob = storage.Snapshots.GetBlobClient(blobName);
        await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await SnapshotFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }
}
