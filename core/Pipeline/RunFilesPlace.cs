using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Models;
using Tailor.Privacy;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>
/// Training runs' folders (<c>runs/&lt;runId&gt;/</c> in the snapshots container: snapshot.bin, candidate.bin,
/// final.bin, profiles.bin, the catalog and the stage records) as a place of user data. A run whose snapshot
/// record shows it read the batch's tombstones (<see cref="SnapshotResult.ForgottenAsOf"/>) holds none of the users
/// and stays; every other run folder is deleted whole. Erased after a model without the users serves, so the run
/// that made it is kept and the runs before it have finished.
/// </summary>
public sealed class RunFilesPlace(TailorStorage storage, StageRecords records) : IUserDataPlace
{
    public const string PlaceName = "runs";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.AfterModel;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var folders = new Dictionary<string, List<(string Name, long Bytes)>>(StringComparer.Ordinal);
        try
        {
            await foreach (var blob in storage.Snapshots.GetBlobsAsync(BlobTraits.None, BlobStates.None, RunBlobs.RunsPrefix, cancellationToken).ConfigureAwait(false))
            {
                var rest = blob.Name.AsSpan(RunBlobs.RunsPrefix.Length);
                var slash = rest.IndexOf('/');
                if (slash > 0)
                {
                    var runId = rest[..slash].ToString();
                    if (!folders.TryGetValue(runId, out var blobs))
                    {
                        folders[runId] = blobs = [];
                    }

                    blobs.Add((blob.Name, blob.Properties.ContentLength ?? 0));
                }
            }
        }
        catch (RequestFailedException e) when (MissingStorage.IsMissingContainerOrTable(e))
        {
            return new PlaceErasure(Name, new Dictionary<string, long>(), 0);
        }

        var deleted = 0;
        var blobsDeleted = 0;
        long bytes = 0;
        foreach (var (runId, blobs) in folders)
        {
            var snapshot = await records.FindAsync<SnapshotResult>(runId, StageRecords.Stages.Snapshot, cancellationToken).ConfigureAwait(false);
            if (snapshot is not null && batch.IsCoveredBy(snapshot.Result.ForgottenAsOf))
            {
                continue;
            }

            foreach (var (name, size) in blobs)
            {
                await storage.Snapshots.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                bytes += size;
            }

            deleted++;
            blobsDeleted += blobs.Count;
        }

        return new PlaceErasure(Name, new Dictionary<string, long>(), deleted)
        {
            BytesDeleted = bytes,
            BlobsChanged = blobsDeleted,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
