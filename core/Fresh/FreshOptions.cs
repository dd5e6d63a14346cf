using System.ComponentModel.DataAnnotations;

namespace Tailor.Fresh;

/// <summary>Settings of the fresh-history store (section <c>Tailor:Fresh</c>), validated at start-up.</summary>
public sealed record FreshOptions
{
    public const string Section = "Tailor:Fresh";

    /// <summary>Whether accepted events reach serving before a model is trained on them. Off, the store is
    /// neither written nor read.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many of a user's latest interactions the store keeps (older ones are dropped on write).</summary>
    [Range(1, 1000)]
    public int MaxEventsPerUser { get; init; } = 200;

    /// <summary>How long an event stays fresh after the store received it; by then a retrained model has
    /// normally taken it in. Ingested batches contribute only events whose own timestamp is this recent.</summary>
    [Range(1, 8760)]
    public int TtlHours { get; init; } = 168;

    /// <summary>How long a process reuses a user's fresh history before reading it again (0: every request
    /// reads). This bounds how late another instance's writes are seen; this instance's own writes are seen at once.</summary>
    [Range(0, 60_000)]
    public int CacheMilliseconds { get; init; } = 2000;

    /// <summary>How many users' cached histories a process keeps at most (expired ones are swept first).</summary>
    [Range(1, 10_000_000)]
    public int MaxCachedUsers { get; init; } = 100_000;

    /// <summary>At most this many recent events of one ingested batch go to the store; a larger recent
    /// batch is a bulk load, which the next training takes in.</summary>
    [Range(0, 10_000_000)]
    public int MaxBatchEvents { get; init; } = 50_000;

    /// <summary>How many users' rows one write updates concurrently.</summary>
    [Range(1, 64)]
    public int WriteParallelism { get; init; } = 8;

    public TimeSpan Ttl => TimeSpan.FromHours(TtlHours);
}
