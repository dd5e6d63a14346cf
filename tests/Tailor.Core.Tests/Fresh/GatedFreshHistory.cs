using Tailor.Events;
using Tailor.Fresh;

namespace Tailor.Tests.Fresh;

/// <summary>A <see cref="CountingFreshHistory"/> whose reads wait while the gate is closed, to show which callers wait for the store.</summary>
internal sealed class GatedFreshHistory : IFreshHistory
{
    private volatile TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CountingFreshHistory Inner { get; } = new();

    public FreshOptions Options => Inner.Options;

    public void Open() => _gate.TrySetResult();

    public void Close() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<FreshHistory> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await Inner.GetAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    public Task AddAsync(IReadOnlyCollection<InteractionEvent> events, CancellationToken cancellationToken = default) => Inner.AddAsync(events, cancellationToken);

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) => Inner.DeleteUserAsync(userId, cancellationToken);
}
