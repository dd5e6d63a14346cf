using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Profiles;

/// <summary>
/// A run's profiles as one artifact (<see cref="ProfileFile"/>): written by the profiles stage into the run's
/// folder of the snapshots container, copied into the model version's folder (<c>&lt;version&gt;/profiles.bin</c>
/// in the models container) when the run is promoted, and loaded by serving with that version's model, so the
/// profile served always matches the serving model. A blob only ever appears complete: it is written to a
/// local file first and uploaded in one commit.
/// </summary>
public sealed class ProfileStore(TailorStorage storage)
{
    public const string ArtifactFile = "profiles.bin";

    private const int BufferSize = 4 << 20;

    /// <summary>The profiles artifact of a model version, in the models container.</summary>
    public static string VersionBlob(string version) => $"{version}/{ArtifactFile}";

    /// <summary>Writes <paramref name="profiles"/> to <paramref name="blobName"/> in the snapshots container and
    /// returns its size in bytes. Nothing is visible under the name until the whole artifact is committed.</summary>
    public async Task<long> WriteAsync(string blobName, ProfileSet profiles, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await ProfileFile.WriteAsync(file, profiles, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            await storage.Snapshots.GetBlobClient(blobName).UploadAsync(file, UploadOptions(), cancellationToken).ConfigureAwait(false);
            return file.Length;
        }
    }

    /// <summary>Reads a run's profiles artifact from the snapshots container.</summary>
    public async Task<ProfileSet> ReadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var stream = await storage.Snapshots.GetBlobClient(blobName).OpenReadAsync(ReadOptions(), cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ProfileFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies a run's profiles artifact into <paramref name="version"/>'s folder (one commit, so the
    /// copy too is complete or absent). False when the run has no profiles artifact.</summary>
    public async Task<bool> PublishAsync(string runBlobName, string version, CancellationToken cancellationToken = default)
    {
        var source = storage.Snapshots.GetBlobClient(runBlobName);
        try
        {
            var stream = await source.OpenReadAsync(ReadOptions(), cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await Version(version).UploadAsync(stream, UploadOptions(), cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>The profiles of <paramref name="version"/>, or null when the version has none (made before
    /// profiles were stored with versions, or promoted from a run whose profiles were not built).</summary>
    public async Task<ProfileSet?> LoadVersionAsync(string version, CancellationToken cancellationToken = default)
    {
        try
        {
            var stream = await Version(version).OpenReadAsync(ReadOptions(), cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ProfileFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Version(string version) => storage.Models.GetBlobClient(VersionBlob(version));

    private static BlobUploadOptions UploadOptions() => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
        TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumTransferSize = BufferSize, InitialTransferSize = BufferSize },
    };

    private static BlobOpenReadOptions ReadOptions() => new(allowModifications: false) { BufferSize = BufferSize };
}
