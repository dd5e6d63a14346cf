using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Tailor.Storage;

namespace Tailor.Segments;

/// <summary>
/// A run's segment descriptions as one JSON document (<see cref="SegmentSet"/>): written by the profiles stage into
/// the run's folder of the snapshots container (<c>runs/&lt;runId&gt;/segments.json</c>), copied into the model
/// version's folder (<c>&lt;version&gt;/segments.json</c>) with the profiles when the run is promoted, and loaded by
/// serving with that version. Membership (user ids) is the profiles' segment column, not this document.
/// </summary>
public sealed class SegmentStore(TailorStorage storage)
{
    public const string DocumentFile = "segments.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string VersionBlob(string version) => $"{version}/{DocumentFile}";

    public async Task WriteAsync(string blobName, SegmentSet segments, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(segments, s_json);
        await storage.Snapshots.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's segments, or null when it wrote none.</summary>
    public Task<SegmentSet?> ReadAsync(string blobName, CancellationToken cancellationToken = default) =>
        ReadOrNullAsync(storage.Snapshots.GetBlobClient(blobName), cancellationToken);

    /// <summary>Copies the run's document into <paramref name="version"/>'s folder; false when the run has none.</summary>
    public async Task<bool> PublishAsync(string runBlobName, string version, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Snapshots.GetBlobClient(runBlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            await storage.Models.GetBlobClient(VersionBlob(version)).UploadAsync(content.Value.Content, overwrite: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>The segments of <paramref name="version"/>, or null when it has none.</summary>
    public Task<SegmentSet?> LoadVersionAsync(string version, CancellationToken cancellationToken = default) =>
        ReadOrNullAsync(storage.Models.GetBlobClient(VersionBlob(version)), cancellationToken);

    private static async Task<SegmentSet?> ReadOrNullAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<SegmentSet>(s_json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
