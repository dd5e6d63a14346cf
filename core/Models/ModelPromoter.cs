namespace Tailor.Models;

public enum PromotionStatus
{
    Promoted,
    UnknownVersion,
    Conflict,
}

/// <summary>Promotes an existing version by hand (an admin's rollback or roll-forward): checks that the
/// version is complete, then swaps the pointer conditionally on the ETag it read (or the caller's).</summary>
public sealed class ModelPromoter(ModelStore store, ModelPointer pointer, TimeProvider time)
{
    /// <summary>Points serving at <paramref name="version"/>. <paramref name="expected"/> is the pointer ETag
    /// the caller saw; when null, the one read here is used.</summary>
    public async Task<PromotionStatus> PromoteAsync(string version, string reason, Azure.ETag? expected = null, CancellationToken cancellationToken = default)
    {
        if (!ModelVersion.IsValid(version) || await store.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false) is null)
        {
            return PromotionStatus.UnknownVersion;
        }

        var etag = expected ?? (await pointer.ReadAsync(cancellationToken).ConfigureAwait(false))?.ETag;
        var next = new CurrentModel(version, time.GetUtcNow(), reason);
        var result = await pointer.TrySwapAsync(next, etag, cancellationToken).ConfigureAwait(false);
        return result.Swapped ? PromotionStatus.Promoted : PromotionStatus.Conflict;
    }
}
