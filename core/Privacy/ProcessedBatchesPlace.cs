using System.Diagnostics;
using Tailor.Ingestion;

namespace Tailor.Privacy;

/// <summary>Processed event batches (<c>processed/…parquet</c>): each batch holding a user's rows is rewritten
/// without them, and its batch record counts the rows erased.</summary>
public sealed class ProcessedBatchesPlace(ProcessedBatchCompactor compactor) : IUserDataPlace
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
        await foreach (var processed in compactor.ListBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (processed.ProcessedBlobName is null)
            {
                continue;
            }

            var result = await compactor.RemoveUsersAsync(processed, batch.Users, cancellationToken).ConfigureAwait(false);
            read += result.BytesRead;
            written += result.BytesWritten;
            if (result.RemovedByUser.Count > 0)
            {
                changed++;
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
