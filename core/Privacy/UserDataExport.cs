using Tailor.Events;
using Tailor.Feedback;
using Tailor.Fresh;
using Tailor.Ingestion;

namespace Tailor.Privacy;

/// <summary>
/// The right of access: the events Tailor holds about a user, read from every processed batch whose
/// <see cref="BatchUserIndex"/> may hold the user (all of them without the indexes; streamed row group
/// by row group, so memory stays bounded by the limit of events returned, not by the data), the user's fresh events
/// and the lists served to them (impressions). The profile and segment served with the model come from the serving
/// side; a new store of user data adds itself here.
/// </summary>
public sealed class UserDataExport(
    ProcessedEventReader reader, FreshHistoryTable? fresh = null, ImpressionStore? impressions = null, BatchUserIndexes? indexes = null)
{
    /// <summary>The user's fresh events (posted or recently ingested, not yet in a model), oldest first.</summary>
    public async Task<IReadOnlyList<FreshEvent>> ReadFreshAsync(string userId, CancellationToken cancellationToken = default) =>
        fresh is null ? [] : (await fresh.GetAsync(userId, cancellationToken).ConfigureAwait(false)).Events;

    /// <summary>The lists served to the user (at most <paramref name="limit"/>, oldest first) and how many there are.</summary>
    public Task<(IReadOnlyList<Impression> Impressions, long Total)> ReadImpressionsAsync(string userId, int limit = DefaultLimit, CancellationToken cancellationToken = default) =>
        impressions is null
            ? Task.FromResult<(IReadOnlyList<Impression>, long)>(([], 0))
            : impressions.ReadForUserAsync(userId, limit, cancellationToken);

    /// <summary>Most events one export returns (the result says when there were more).</summary>
    public const int DefaultLimit = 10_000;

    public async Task<UserEvents> ReadEventsAsync(string userId, int limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        var events = new List<InteractionEvent>();
        long total = 0;
        var batches = 0;
        long indexBytes = 0;
        var hash = BatchUserIndex.Hash(userId);
        await foreach (var batch in reader.ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.ProcessedBlobName is null)
            {
                continue;
            }

            if (indexes is { Enabled: true })
            {
                var index = await indexes.ReadAsync(batch.ProcessedBlobName, cancellationToken).ConfigureAwait(false);
                indexBytes += index.BytesRead;
                if (!index.Index.MayHold(hash))
                {
                    continue;
                }
            }

            batches++;
            await foreach (var e in reader.ReadBatchAsync(batch.ProcessedBlobName, cancellationToken).ConfigureAwait(false))
            {
                if (e.UserId == userId)
                {
                    total++;
                    if (events.Count < limit)
                    {
                        events.Add(e);
                    }
                }
            }
        }

        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new UserEvents(userId, events, total, batches) { IndexBytesRead = indexBytes };
    }
}

/// <summary>A user's events (at most the export's limit, oldest first), how many there are in all, and how many
/// processed batches were read to find them.</summary>
public sealed record UserEvents(string UserId, IReadOnlyList<InteractionEvent> Events, long Total, int BatchesRead)
{
    /// <summary>Bytes of batch user indexes read (or of batches scanned to build a missing one) to pick the batches.</summary>
    public long IndexBytesRead { get; init; }

    public bool Truncated => Total > Events.Count;
}
