using System.Diagnostics;
using Tailor.Ingestion;

namespace Tailor.Privacy;

/// <summary>Processed event batches (<c>processed/…parquet</c>): each batch holding a user's rows is rewritten
/// without them, and its batch record counts the rows erased. Only batches whose <see cref="BatchUserIndex"/> may hold
/// one of the users are read; the index of a batch read is dropped (rebuilt from the rows left on next use).</summary>
public sealed class ProcessedBatchesPlace(ProcessedBatchCompactor compactor, BatchUserIndexes indexes) : IUserDataPlace
{
    public const string PlaceName = "processed";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.Data;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var byUser = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0, written = 0;
        var changed = 0;
        var hashes = batch.Users.Select(BatchUserIndex.Hash).ToArray();
        await foreach (var processed in compactor.ListBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (processed.ProcessedBlobName is null)
            {
                continue;
            }

            if (indexes.Enabled)
            {
                var index = await indexes.ReadAsync(processed.ProcessedBlobName, cancellationToken).ConfigureAwait(false);
                read += index.BytesRead;
                if (!index.Index.MayHoldAny(hashes))
                {
                    continue;
                }
            }

            var result = await compactor.RemoveUsersAsync(processed, batch.Users, cancellationToken).ConfigureAwait(false);
            read += result.BytesRead;
            written += result.BytesWritten;
            if (result.RemovedByUser.Count > 0)
            {
                changed++;
            }

            if (result.RemovedByUser.Count > 0 || indexes.Enabled)
            {
                // Rewritten, or an index that names an erased user's hash for no row (left stale by a crash between the
                // rewrite and this delete): either way, no index keeps an erased user's hash past the pass.
                await indexes.DeleteAsync(processed.ProcessedBlobName, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (user, rows) in result.RemovedByUser)
            {
                byUser[user] = byUser.GetValueOrDefault(user) + rows;
            }
        }

        return new PlaceErasure(Name, byUser, byUser.Values.Sum())
        {
            BytesRead = read,
            BytesWritten = written,
            BlobsChanged = changed,
            CountsPerUser = true,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
