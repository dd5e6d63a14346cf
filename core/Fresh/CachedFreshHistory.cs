using System.Collections.Concurrent;
using Tailor.Events;

namespace Tailor.Fresh;

/// <summary>
/// The store as serving reads it: a user's history is read once and reused for
/// <see cref="FreshOptions.CacheMilliseconds"/>, so a burst of requests for one user costs one storage read. Past
/// that time, the next request still answers from the held history and starts one read in the background that
/// replaces it: only a user's first request (and the first after this process's own write) waits for storage.
/// This process's own writes and deletes drop the user's entry at once (its next request reads again); other
/// instances' writes are seen within the cache time plus one read. At most <see cref="FreshOptions.MaxCachedUsers"/> users are held.
/// </summary>
public sealed class CachedFreshHistory(IFreshHistory store, TimeProvider time) : IFreshHistory
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _lifetime = (long)(store.Options.CacheMilliseconds / 1000.0 * time.TimestampFrequency);

    public FreshOptions Options => store.Options;

    /// <summary>Users held now (expired entries included until they are swept or replaced).</summary>
    public int CachedUsers => _entries.Count;

    public async ValueTask<FreshHistory> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled)
        {
            return FreshHistory.Empty;
        }

        var now = time.GetTimestamp();
        if (_entries.TryGetValue(userId, out var entry))
        {
            if (now >= entry.ExpiresAt)
            {
                // One request wins the entry's renewal and starts its read; the others keep answering from it.
                var renewing = entry with { ExpiresAt = now + _lifetime };
                if (_entries.TryUpdate(userId, renewing, entry))
                {
                    _ = RenewAsync(userId, renewing);
                }
            }

            return entry.History;
        }

        var history = await store.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (_lifetime > 0)
        {
            if (_entries.Count >= Options.MaxCachedUsers)
            {
                Sweep(now);
            }

            _entries[userId] = new Entry(history, now + _lifetime);
        }

        return history;
    }

    /// <summary>Reads the user's history off the request path and replaces <paramref name="renewing"/> with it, unless
    /// the entry changed meanwhile (this process wrote or deleted the user: its next request reads again).</summary>
    private async Task RenewAsync(string userId, Entry renewing)
    {
        await Task.Yield();
        try
        {
            var history = await store.GetAsync(userId, CancellationToken.None).ConfigureAwait(false);
            _entries.TryUpdate(userId, new Entry(history, time.GetTimestamp() + _lifetime), renewing);
        }
        catch (Exception)
        {
            // A failed renewal keeps the held history until the next one; a request never sees the failure.
        }
    }

    public async Task AddAsync(IReadOnlyCollection<InteractionEvent> events, CancellationToken cancellationToken = default)
    {
        await store.AddAsync(events, cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            _entries.TryRemove(e.UserId, out _);
        }
    }

    public async Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await store.DeleteUserAsync(userId, cancellationToken).ConfigureAwait(false);
        _entries.TryRemove(userId, out _);
    }

    /// <summary>Drops expired entries; when every entry is still live, drops them all (the cache only saves reads).</summary>
    private void Sweep(long now)
    {
        foreach (var (user, entry) in _entries)
        {
            if (now >= entry.ExpiresAt)
            {
                _entries.TryRemove(user, out _);
            }
        }

        if (_entries.Count >= Options.MaxCachedUsers)
        {
            _entries.Clear();
        }
    }

    private readonly record struct Entry(FreshHistory History, long ExpiresAt);
}
