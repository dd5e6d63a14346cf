using Tailor.Events;

namespace Tailor.Fresh;

/// <summary>Each user's recent events, for serving before a model is trained on them. Serving reads one user
/// per request; the events API and batch ingestion add; erasure deletes a user.</summary>
public interface IFreshHistory
{
    FreshOptions Options { get; }

    /// <summary>The user's unexpired fresh events (empty when there are none or the store is off).</summary>
    ValueTask<FreshHistory> GetAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Adds accepted events to their users' histories (repeats of held events are ignored).</summary>
    Task AddAsync(IReadOnlyCollection<InteractionEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Removes everything held for the user (idempotent).</summary>
    Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default);
}
