using System.Diagnostics;
using Tailor.Models;

namespace Tailor.Privacy;

/// <summary>
/// Model versions (<c>models/&lt;version&gt;/</c>: artifact, profiles, manifest, report, pin): every version other
/// than the serving one whose data was read before the batch's tombstones is deleted, pinned ones included, so
/// no rollback can bring a user back. Versions made after (their manifest's <see cref="ModelManifest.ForgottenAsOf"/>
/// covers the batch) stay.
/// </summary>
public sealed class ModelVersionsPlace(ModelStore models) : IUserDataPlace
{
    public const string PlaceName = "models";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.AfterModel;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var deleted = 0;
        var blobs = 0;
        long bytes = 0;
        foreach (var version in await models.ListVersionFoldersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (version == batch.ServingVersion)
            {
                continue;
            }

            ModelManifest? manifest;
            try
            {
                manifest = await models.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                manifest = null; // unreadable: nothing says it leaves the users out
            }

            if (manifest is not null && batch.IsCoveredBy(manifest.ForgottenAsOf))
            {
                continue;
            }

            var (count, size) = await models.DeleteVersionAsync(version, cancellationToken).ConfigureAwait(false);
            deleted++;
            blobs += count;
            bytes += size;
        }

        return new PlaceErasure(Name, new Dictionary<string, long>(), deleted)
        {
            BytesDeleted = bytes,
            BlobsChanged = blobs,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
