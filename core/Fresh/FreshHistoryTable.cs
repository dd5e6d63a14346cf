using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Storage;

namespace Tailor.Fresh;

/// <summary>
/// The fresh-history store in the <c>fresh</c> table (<see cref="StorageOptions.FreshTable"/>): one row per user,
/// partition = the escaped user id, row key <see cref="RowKey"/>, holding the user's latest events as one binary
/// property (<see cref="FreshHistoryFormat"/>). A request reads one row by its keys (a point read, never a
/// query); a write reads, merges and replaces the row under its ETag, retrying when another writer came first.
/// </summary>
/// <remarks>One row per user (rather than one per event, or an append blob) makes the serving read a single
/// point read of a few kilobytes whatever the user's activity, keeps the bound and the TTL enforced by the
/// writer that merges, and lets erasure delete a user with one call.</remarks>
public sealed class FreshHistoryTable(TailorStorage storage, IOptions<FreshOptions> options, TimeProvider time) : IFreshHistory
{
    public const string RowKey = "recent";

    private const string UserIdProperty = "UserId";
    private const string EventsProperty = "Events";
    private const string CountProperty = "Count";
    private const int MaxAttempts = 20;

    public FreshOptions Options => options.Value;

    public async ValueTask<FreshHistory> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled)
        {
            return FreshHistory.Empty;
        }

        var (history, _) = await ReadAsync(userId, cancellationToken).ConfigureAwait(false);
        return history.Unexpired(ExpiredBeforeMs());
    }

    public async Task AddAsync(IReadOnlyCollection<InteractionEvent> events, CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled || events.Count == 0)
        {
            return;
        }

        var received = time.GetUtcNow().ToUnixTimeMilliseconds();
        var byUser = new Dictionary<string, List<FreshEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!byUser.TryGetValue(e.UserId, out var list))
            {
                byUser[e.UserId] = list = [];
            }

            list.Add(new FreshEvent(e.ItemId, e.Weight, e.Timestamp.ToUnixTimeMilliseconds(), received));
        }

        await Parallel.ForEachAsync(
            byUser,
            new ParallelOptions { MaxDegreeOfParallelism = Options.WriteParallelism, CancellationToken = cancellationToken },
            async (user, ct) => await MergeAsync(user.Key, user.Value, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public async Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Fresh.DeleteEntityAsync(TableKeys.Escape(userId), RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex))
        {
            // No table yet: nothing held.
        }
    }

    private async Task MergeAsync(string userId, List<FreshEvent> added, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync(userId, cancellationToken).ConfigureAwait(false);
            var next = current.With(added, ExpiredBeforeMs(), Options.MaxEventsPerUser);
            var entity = new TableEntity(TableKeys.Escape(userId), RowKey)
            {
                [UserIdProperty] = userId,
                [EventsProperty] = FreshHistoryFormat.Write(next),
                [CountProperty] = next.Count,
            };
            try
            {
                if (etag is { } known)
                {
                    await storage.Fresh.UpdateEntityAsync(entity, known, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await storage.Fresh.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex) && attempt < MaxAttempts)
            {
                await storage.Fresh.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer changed the row since it was read: merge again into what it wrote.
            }
        }
    }

    private async Task<(FreshHistory History, ETag? ETag)> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var found = await storage.Fresh.GetEntityIfExistsAsync<TableEntity>(
                TableKeys.Escape(userId), RowKey, [EventsProperty], cancellationToken).ConfigureAwait(false);
            if (!found.HasValue || found.Value is not { } entity)
            {
                return (FreshHistory.Empty, null);
            }

            var bytes = entity.GetBinaryData(EventsProperty);
            return (bytes is null ? FreshHistory.Empty : FreshHistoryFormat.Read(bytes.ToMemory()), entity.ETag);
        }
        catch (RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex))
        {
            return (FreshHistory.Empty, null);
        }
    }

    private long ExpiredBeforeMs() => (time.GetUtcNow() - Options.Ttl).ToUnixTimeMilliseconds();
}
