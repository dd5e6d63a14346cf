using Tailor.Events;
using Tailor.Fresh;

namespace Tailor.Tests.Fresh;

/// <summary>An in-memory fresh-history store that counts its reads, for tests of the cache and of serving.</summary>
internal sealed class CountingFreshHistory(FreshOptions? options = null) : IFreshHistory
{
    private readonly Dictionary<string, List<FreshEvent>> _users = new(StringComparer.Ordinal);
    private int _reads;

    public FreshOptions Options { get; } = options ?? new FreshOptions();

    public int Reads => Volatile.Read(ref _reads);

    public ValueTask<FreshHistory> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        lock (_users)
        {
            return ValueTask.FromResult(_users.TryGetValue(userId, out var events) ? new FreshHistory([.. events]) : FreshHistory.Empty);
        }
    }

    public Task AddAsync(IReadOnlyCollection<InteractionEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_users)
        {
            foreach (var e in events)
            {
                if (!_users.TryGetValue(e.UserId, out var list))
                {
                    _users[e.UserId] = list = [];
                }

                list.Add(new FreshEvent(e.ItemId, e.Weight, e.Timestamp.ToUnixTimeMilliseconds(), 0));
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_users)
        {
            _users.Remove(userId);
        }

        return Task.CompletedTask;
    }
}
