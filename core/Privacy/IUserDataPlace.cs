namespace Tailor.Privacy;

/// <summary>
/// One place where Tailor keeps user data, as erasure sees it. Each place knows its own layout and removes the
/// users of an <see cref="ErasureBatch"/> from it; doing so twice is harmless (the second time finds nothing).
/// Places register themselves with <see cref="PrivacyServiceCollectionExtensions.AddUserDataPlace{TPlace}"/>;
/// the <see cref="ErasureWorker"/> runs every registered one, so a new store of user data is one class.
/// </summary>
public interface IUserDataPlace
{
    /// <summary>Short stable name, the key of the counts in an erasure's report (<c>processed</c>, <c>quarantine</c>, …).</summary>
    string Name { get; }

    /// <summary>When the place is erased: with the source data at once, or only once a model without the users serves.</summary>
    ErasurePhase Phase { get; }

    Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default);
}

/// <summary>When in an erasure a place is cleaned.</summary>
public enum ErasurePhase
{
    /// <summary>Source data (processed batches, quarantine): erased as soon as the users are pending.</summary>
    Data,

    /// <summary>Derived data (training runs, model versions): erased once a model without the users serves, so
    /// nothing serving or in use by a run in flight is removed.</summary>
    AfterModel,
}

/// <summary>The users one pass of erasure removes, and the time their tombstones are covered by: a derived
/// artifact made from data read with the tombstones of <see cref="ForgottenBefore"/> or later leaves them all out.</summary>
public sealed record ErasureBatch(IReadOnlySet<string> Users, DateTimeOffset ForgottenBefore)
{
    /// <summary>The version serving when the derived places are erased (kept: it leaves the users out).</summary>
    public string? ServingVersion { get; init; }

    /// <summary>Whether an artifact whose data was read with the tombstones as of <paramref name="forgottenAsOf"/> leaves every user out.</summary>
    public bool IsCoveredBy(DateTimeOffset? forgottenAsOf) => forgottenAsOf >= ForgottenBefore;
}

/// <summary>What erasing one place removed: items per user where the place can tell (rows, lines), items for the
/// whole batch (rows, lines, folders, versions), and the bytes read, written and deleted doing it.</summary>
public sealed record PlaceErasure(string Place, IReadOnlyDictionary<string, long> RemovedByUser, long Removed)
{
    public long BytesRead { get; init; }

    public long BytesWritten { get; init; }

    public long BytesDeleted { get; init; }

    /// <summary>Whether <see cref="RemovedByUser"/> tells users apart (rows, lines); otherwise each user of the batch
    /// is reported with the batch's <see cref="Removed"/> (folders, versions).</summary>
    public bool CountsPerUser { get; init; }

    /// <summary>What this place removed for <paramref name="userId"/>, as its erasure reports it.</summary>
    public long RemovedFor(string userId) => CountsPerUser ? RemovedByUser.GetValueOrDefault(userId) : Removed;

    /// <summary>Blobs rewritten or deleted.</summary>
    public int BlobsChanged { get; init; }

    public double Seconds { get; init; }
}
