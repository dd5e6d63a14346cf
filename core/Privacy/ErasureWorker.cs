using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Models;

namespace Tailor.Privacy;

/// <summary>
/// Carries out the erasures the tombstones ask for, every pending user in one batch (1,000 forgotten users cost
/// one pass over each place, not 1,000). A pass: (1) users not yet worked on are removed from the source-data places
/// (<see cref="ErasurePhase.Data"/>) and their tombstones say so; (2) if the serving model's data was read before
/// some open tombstone, the pass stops and reports <see cref="ErasurePass.NeedsModel"/> (the caller asks for training;
/// the promotion stage publishes the run without the users whatever its metrics, as an erasure); (3) otherwise the
/// derived places (<see cref="ErasurePhase.AfterModel"/>: old run folders, old model versions) are cleaned and the
/// erasures are done. Every step is safe to repeat, so a crash anywhere is repaired by the next pass.
/// </summary>
public sealed partial class ErasureWorker(
    ErasureLedger ledger,
    IEnumerable<IUserDataPlace> places,
    ModelPointer pointer,
    ModelStore models,
    TimeProvider time,
    IOptions<PrivacyOptions> options,
    ILogger<ErasureWorker> logger)
{
    private readonly IReadOnlyList<IUserDataPlace> _places = [.. places];

    /// <summary>The places erasure cleans, in the order it cleans them.</summary>
    public IReadOnlyList<string> PlaceNames => [.. _places.OrderBy(p => p.Phase).Select(p => p.Name)];

    public async Task<ErasurePass> RunAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var open = await ledger.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return ErasurePass.Idle;
        }

        var now = time.GetUtcNow();
        var bound = TimeSpan.FromMinutes(options.Value.ErasureMinutes);
        var urgent = open.Any(r => now - r.ForgottenUtc > bound / 2);
        var overdue = open.Any(r => now - r.ForgottenUtc > bound);
        var results = new List<PlaceErasure>();

        var fresh = open.Where(r => r.State == ErasureStates.Pending).ToList();
        if (fresh.Count > 0)
        {
            var batch = new ErasureBatch(fresh.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal), fresh.Max(r => r.ForgottenUtc));
            var data = await EraseAsync(ErasurePhase.Data, batch, cancellationToken).ConfigureAwait(false);
            results.AddRange(data);
            var at = time.GetUtcNow();
            await RecordAllAsync(fresh, record => record with
            {
                State = ErasureStates.DataErased,
                DataErasedUtc = at,
                Removed = Counts(record.UserId, data),
                BatchUsers = fresh.Count,
            }, cancellationToken).ConfigureAwait(false);
        }

        var all = new ErasureBatch(open.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal), open.Max(r => r.ForgottenUtc));
        var serving = (await pointer.ReadAsync(cancellationToken).ConfigureAwait(false))?.Current.Version;
        if (serving is not null && !all.IsCoveredBy((await models.ReadManifestAsync(serving, cancellationToken).ConfigureAwait(false))?.ForgottenAsOf))
        {
            LogWaiting(logger, open.Count, serving, overdue);
            return new ErasurePass(open.Count, 0, true, urgent, overdue, results, watch.Elapsed.TotalSeconds);
        }

        var derived = await EraseAsync(ErasurePhase.AfterModel, all with { ServingVersion = serving }, cancellationToken).ConfigureAwait(false);
        results.AddRange(derived);
        var done = time.GetUtcNow();
        await RecordAllAsync(open, record => record with
        {
            State = ErasureStates.Done,
            ErasedUtc = done,
            Removed = Counts(record.UserId, derived),
            BatchUsers = open.Count,
        }, cancellationToken).ConfigureAwait(false);

        var pass = new ErasurePass(open.Count, open.Count, false, urgent, overdue, results, watch.Elapsed.TotalSeconds);
        LogDone(logger, open.Count, pass.BytesRead, pass.BytesWritten, pass.BytesDeleted, pass.Seconds);
        return pass;
    }

    private async Task<List<PlaceErasure>> EraseAsync(ErasurePhase phase, ErasureBatch batch, CancellationToken cancellationToken)
    {
        var results = new List<PlaceErasure>();
        foreach (var place in _places.Where(p => p.Phase == phase))
        {
            var result = await place.EraseAsync(batch, cancellationToken).ConfigureAwait(false);
            LogPlace(logger, place.Name, batch.Users.Count, result.Removed, result.BlobsChanged, result.BytesWritten, result.BytesDeleted);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Records a step on every tombstone of the batch, a few at a time (each is its own read and merge).</summary>
    private Task RecordAllAsync(IEnumerable<ErasureRecord> records, Func<ErasureRecord, ErasureRecord> step, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (record, token) => await ledger.RecordAsync(step(record), token).ConfigureAwait(false));

    private static Dictionary<string, long> Counts(string userId, List<PlaceErasure> results) =>
        results.ToDictionary(r => r.Place, r => r.RemovedFor(userId), StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of {Users} users: {Place} removed {Removed} ({Blobs} blobs changed, {Written} bytes written, {Deleted} bytes deleted)")]
    private static partial void LogPlace(ILogger logger, string place, int users, long removed, int blobs, long written, long deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of {Users} users waits for a model without them (serving {Version} predates their tombstones; overdue: {Overdue})")]
    private static partial void LogWaiting(ILogger logger, int users, string version, bool overdue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of {Users} users done: {Read} bytes read, {Written} written, {Deleted} deleted in {Seconds:F1}s")]
    private static partial void LogDone(ILogger logger, int users, long read, long written, long deleted, double seconds);
}
