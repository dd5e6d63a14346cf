using System.Diagnostics;
using Tailor.Ingestion;

namespace Tailor.Privacy;

/// <summary>Quarantine files (JSON Lines of rejected rows): lines mentioning a user are removed.</summary>
public sealed class QuarantinePlace(QuarantineCompactor compactor) : IUserDataPlace
{
    public const string PlaceName = "quarantine";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.Data;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var byUser = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0, written = 0, lines = 0;
        var changed = 0;
        await foreach (var file in compactor.ListFilesAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await compactor.RemoveUsersAsync(file, batch.Users, cancellationToken).ConfigureAwait(false);
            read += result.BytesRead;
            written += result.BytesWritten;
            lines += result.LinesRemoved;
            if (result.LinesRemoved > 0)
            {
                changed++;
            }

            foreach (var (user, count) in result.RemovedByUser)
            {
                byUser[user] = byUser.GetValueOrDefault(user) + count;
            }
        }

        return new PlaceErasure(Name, byUser, lines)
        {
            BytesRead = read,
            BytesWritten = written,
            BlobsChanged = changed,
            CountsPerUser = true,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
