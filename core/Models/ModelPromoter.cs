namespace Tailor.Models;

public enum PromotionStatus
{
    Promoted,
    UnknownVersion,
    Conflict,
}

/// <summary>Outcome of a promotion; <see cref="Current"/> is what <c>current.json</c> now says when promoted.</summary>
public readonly record struct PromotionResult(PromotionStatus Status, CurrentModel? Current);

/// <summary>Promotes an existing version by hand (an admin's rollback or roll-forward): checks that the
/// version is complete, then swaps the pointer conditionally on the ETag it read (or the caller's), and pins the
/// version (<see cref="VersionPin"/>) so retention never deletes a version an administrator chose.</summary>
public sealed class ModelPromoter(ModelStore store, ModelPointer pointer, TimeProvider time)
{
    /// <summary>Points serving at <paramref name="version"/>. <paramref name="expected"/> is the pointer ETag
    /// the caller saw; when null, the one read here is used.</summary>
    public async Task<PromotionResult> PromoteAsync(string version, string reason, Azure.ETag? expected = null, CancellationToken cancellationToken = default)
    {
        if (!ModelVersion.IsValid(version) || await store.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false) is null)
        {
            return new PromotionResult(PromotionStatus.UnknownVersion, null);
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
