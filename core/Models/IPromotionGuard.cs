namespace Tailor.Models;

/// <summary>A rule that can refuse a promotion by hand (<see cref="ModelPromoter"/>): another area's reason why a
/// version must not serve now. Registered guards are asked in turn; the first refusal wins.</summary>
public interface IPromotionGuard
{
    /// <summary>Why <paramref name="version"/> (its manifest <paramref name="manifest"/>) must not be promoted now, or null.</summary>
    Task<string?> RefusalAsync(string version, ModelManifest manifest, CancellationToken cancellationToken = default);
}
