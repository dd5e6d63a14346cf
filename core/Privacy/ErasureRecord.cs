namespace Tailor.Privacy;

/// <summary>Where one user's erasure stands, as the tombstone records it.</summary>
/// <param name="UserId">The id as stored (pseudonymous when pseudonymization is on).</param>
/// <param name="ForgottenUtc">When the tombstone was written (serving forgot the user then).</param>
/// <param name="State"><see cref="ErasureStates"/>: pending, data-erased, done.</param>
public sealed record ErasureRecord(string UserId, DateTimeOffset ForgottenUtc, string State)
{
    /// <summary>When the source data (processed batches, quarantine) was cleaned.</summary>
    public DateTimeOffset? DataErasedUtc { get; init; }

    /// <summary>When the last place was cleaned and a model without the user served.</summary>
    public DateTimeOffset? ErasedUtc { get; init; }

    /// <summary>What was removed, by place (see <see cref="PlaceErasure"/>: the user's own rows and lines where a
    /// place can tell them apart, else what the erasure batch removed there).</summary>
    public IReadOnlyDictionary<string, long> Removed { get; init; } = new Dictionary<string, long>();

    /// <summary>How many users the erasure batch that erased this one held.</summary>
    public int BatchUsers { get; init; }

    public bool IsDone => State == ErasureStates.Done;
}

/// <summary>The states of an erasure.</summary>
public static class ErasureStates
{
    public const string Pending = "pending";
    public const string DataErased = "data-erased";
    public const string Done = "done";

    /// <summary>Not a state: every erasure not yet done (pending or data-erased), as listings filter by.</summary>
    public const string Open = "open";

    /// <summary>What a listing may filter by: <see cref="Open"/> and each state.</summary>
    public static IReadOnlyList<string> Filters { get; } = [Open, Pending, DataErased, Done];

    /// <summary>Whether an erasure in <paramref name="state"/> passes <paramref name="filter"/> (one of <see cref="Filters"/>).</summary>
    public static bool Matches(string filter, string state) => filter == Open ? state != Done : state == filter;
}
