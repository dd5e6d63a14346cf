namespace Tailor.Models;

public enum PromotionStatus
{
    Promoted,
    UnknownVersion,
    Conflict,

    /// <summary>A guard refused the version (<see cref="PromotionResult.Reason"/> says why); the pointer is unchanged.</summary>
    Refused,
}

/// <summary>Outcome of a promotion; <see cref="Current"/> is what <c>current.json</c> now says when promoted.</summary>
public readonly record struct PromotionResult(PromotionStatus Status, CurrentModel? Current, string? Reason = null);

/// <summary>Promotes an existing version by hand (an admin's rollback or roll-forward): checks that the
/// version is complete and that no <see cref="IPromotionGuard"/> refuses it (erasure: no rollback while an erasure is
/// in progress, nor to a version that may hold a forgotten user), then swaps the pointer conditionally on the ETag it read (or the caller's), and pins the
/// version (<see cref="VersionPin"/>) so retention never deletes a version an administrator chose.</summary>
public sealed class ModelPromoter(ModelStore store, ModelPointer pointer, TimeProvider time, IEnumerable<IPromotionGuard>? guards = null)
{
    private readonly IReadOnlyList<IPromotionGuard> _guards = [.. guards ?? []];

    /// <summary>Points serving at <paramref name="version"/>. <paramref name="expected"/> is the pointer ETag
    /// the caller saw; when null, the one read here is used.</summary>
    public async Task<PromotionResult> PromoteAsync(string version, string reason, Azure.ETag? expected = null, CancellationToken cancellationToken = default)
    {
        if (!ModelVersion.IsValid(version) || await store.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false) is not { } manifest)
        {
            return new PromotionResult(PromotionStatus.UnknownVersion, null);
        }

        foreach (var guard in _guards)
        {
            if (await guard.RefusalAsync(version, manifest, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return new PromotionResult(PromotionStatus.Refused, null, refusal);
            }
        }

        var etag = expected ?? (await pointer.ReadAsync(cancellationToken).ConfigureAwait(false))?.ETag;
        var next = new CurrentModel(version, time.GetUtcNow(), reason);
        var result = await pointer.TrySwapAsync(next, etag, cancellationToken).ConfigureAwait(false);
        if (!result.Swapped)
        {
            return new PromotionResult(PromotionStatus.Conflict, null);
        }

        await store.PinAsync(new VersionPin(version, next.PromotedUtc, reason), cancellationToken).ConfigureAwait(false);
        return new PromotionResult(PromotionStatus.Promoted, next);
    }
}
