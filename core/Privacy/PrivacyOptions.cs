using System.ComponentModel.DataAnnotations;

namespace Tailor.Privacy;

/// <summary>Settings of forgetting and erasure (section <c>Tailor:Privacy</c>), validated at start-up.</summary>
public sealed record PrivacyOptions
{
    public const string Section = "Tailor:Privacy";

    /// <summary>How often (at most) a process reloads the forgotten users that other instances recorded.</summary>
    [Range(1, 86_400)]
    public int RefreshSeconds { get; init; } = 30;

    /// <summary>The bound on erasure: within this many minutes of <c>DELETE users/{userId}</c>, every place holds
    /// none of the user's data and a model without them serves. Past half of it, the erasure worker asks for
    /// training without waiting for uploads to go quiet; past all of it, the erasure is reported overdue.</summary>
    [Range(10, 7 * 24 * 60)]
    public int ErasureMinutes { get; init; } = 60;

    /// <summary>Whether access and erasure read only the processed batches whose user index may hold the user
    /// (<see cref="BatchUserIndexes"/>); false reads every batch (ingestion writes the indexes either way).</summary>
    public bool UseBatchUserIndex { get; init; } = true;
}
