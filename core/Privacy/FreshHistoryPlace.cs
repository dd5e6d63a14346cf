using System.Diagnostics;
using Tailor.Fresh;

namespace Tailor.Privacy;

/// <summary>Fresh histories (table <c>fresh</c>, one row per user): each erased user's row is deleted, with the
/// events it held counted.</summary>
public sealed class FreshHistoryPlace(FreshHistoryTable table) : IUserDataPlace
{
    public const string PlaceName = "fresh";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.Data;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var byUser = new Dictionary<string, long>(StringComparer.Ordinal);
        long removed = 0;
        var changed = 0;
        foreach (var user in batch.Users)
        {
            // The row is deleted even when every event in it has expired: its key is the user's id.
            var held = await table.GetAsync(user, cancellationToken).ConfigureAwait(false);
            await table.DeleteUserAsync(user, cancellationToken).ConfigureAwait(false);
            if (held.Count > 0)
            {
                byUser[user] = held.Count;
                removed += held.Count;
                changed++;
            }
        }

        return new PlaceErasure(Name, byUser, removed)
        {
            CountsPerUser = true,
            BlobsChanged = changed,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
