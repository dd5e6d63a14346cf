using System.Text.Json;
using Tailor.Models;
using Tailor.Snapshot;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>Reads and writes a training run's blobs (snapshot, model artifacts, JSON records) in the
/// snapshots container, streaming each one.</summary>
public static class RunStore
{
    public static async Task WriteSnapshotAsync(TailorStorage storage, string blobName, InteractionSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(storage, blobName, cancellationToken).ConfigureAwait(false);
        await SnapshotFile.WriteAsync(stream, snapshot, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<InteractionSnapshot> ReadSnapshotAsync(TailorStorage storage, string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(storage, blobName, cancellationToken).ConfigureAwait(false);
        return await SnapshotFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteArtifactAsync(TailorStorage storage, string blobName, ModelArtifact artifact, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(storage, blobName, cancellationToken).ConfigureAwait(false);
        await artifact.WriteAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ModelArtifact> ReadArtifactAsync(TailorStorage storage, string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(storage, blobName, cancellationToken).ConfigureAwait(false);
        return await ModelArtifact.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteJsonAsync<T>(TailorStorage storage, string blobName, T value, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(storage, blobName, cancellationToken).ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(stream, value, options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T?> ReadJsonAsync<T>(TailorStorage storage, string blobName, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(storage, blobName, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<T>(stream, options, cancellationToken).ConfigureAwait(false);
    }

    private static Task<Stream> OpenWriteAsync(TailorStorage storage, string blobName, CancellationToken cancellationToken) =>
        storage.Snapshots.GetBlobClient(blobName).OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);

    private static Task<Stream> OpenReadAsync(TailorStorage storage, string blobName, CancellationToken cancellationToken) =>
        storage.Snapshots.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);
}
