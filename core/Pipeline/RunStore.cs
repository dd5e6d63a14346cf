using System.Text.Json;
using Azure;
using Tailor.Models;
using Tailor.Snapshot;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>Reads and writes a training run's blobs (snapshot, model artifacts, JSON records) in the
/// snapshots container, streaming each one. One per process, registered by <c>AddTailorPipeline</c>.</summary>
public sealed class RunStore(TailorStorage storage)
{
    public async Task WriteSnapshotAsync(string blobName, InteractionSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(blobName, cancellationToken).ConfigureAwait(false);
        await SnapshotFile.WriteAsync(stream, snapshot, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InteractionSnapshot> ReadSnapshotAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(blobName, cancellationToken).ConfigureAwait(false);
        return await SnapshotFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteSnapshotShardAsync(string blobName, SnapshotShard shard, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(blobName, cancellationToken).ConfigureAwait(false);
        await SnapshotShardFile.WriteAsync(stream, shard, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SnapshotShard> ReadSnapshotShardAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(blobName, cancellationToken).ConfigureAwait(false);
        return await SnapshotShardFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteArtifactAsync(string blobName, ModelArtifact artifact, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(blobName, cancellationToken).ConfigureAwait(false);
        await artifact.WriteAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelArtifact> ReadArtifactAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(blobName, cancellationToken).ConfigureAwait(false);
        return await ModelArtifact.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteJsonAsync<T>(string blobName, T value, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await using var stream = await OpenWriteAsync(blobName, cancellationToken).ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(stream, value, options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T?> ReadJsonAsync<T>(string blobName, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(blobName, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<T>(stream, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON blob's value, or null when the blob does not exist.</summary>
    public async Task<T?> ReadJsonIfExistsAsync<T>(string blobName, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var content = await storage.Snapshots.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<T>(options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private Task<Stream> OpenWriteAsync(string blobName, CancellationToken cancellationToken) =>
        storage.Snapshots.GetBlobClient(blobName).OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);

    private Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken) =>
        storage.Snapshots.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);
}
