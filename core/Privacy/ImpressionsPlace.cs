using System.Diagnostics;
using Tailor.Feedback;

namespace Tailor.Privacy;

/// <summary>The impressions container (served lists, one JSON line each): an hour's blob holding a list served to an
/// erased user is rewritten without it.</summary>
public sealed class ImpressionsPlace(ImpressionStore store) : IUserDataPlace
{
    public const string PlaceName = "impressions";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.Data;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var result = await store.EraseUsersAsync(batch.Users, cancellationToken).ConfigureAwait(false);
        return new PlaceErasure(Name, result.RemovedByUser, result.RemovedByUser.Values.Sum())
        {
            CountsPerUser = true,
            BytesRead = result.BytesRead,
            BytesWritten = result.BytesWritten,
            BlobsChanged = result.BlobsChanged,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
