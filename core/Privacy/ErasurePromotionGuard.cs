using Tailor.Models;

namespace Tailor.Privacy;

/// <summary>
/// Keeps promotions by hand (rollback, roll-forward) from undoing an erasure: none while an erasure is open (the
/// erasure itself promotes a model without the users, and deletes the versions that hold them, only once that model
/// serves), and none of a version whose data was read before the newest tombstone (its manifest's
/// <see cref="ModelManifest.ForgottenAsOf"/> is older, or absent): such a version may still hold a forgotten user.
/// </summary>
public sealed class ErasurePromotionGuard(ErasureLedger ledger) : IPromotionGuard
{
    public async Task<string?> RefusalAsync(string version, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        var tombstones = await ledger.ReadTombstonesAsync(cancellationToken).ConfigureAwait(false);
        if (tombstones.Open.Count > 0)
        {
            var oldest = tombstones.Open[0];
            return $"An erasure of {tombstones.Open.Count} forgotten users is in progress (the oldest forgotten at {oldest.ForgottenUtc:o}, state " +
                $"{oldest.State}); no model is promoted by hand until it is done (GET users/{{userId}}/erasure).";
        }

        if (tombstones.Latest is { } latest && !(manifest.ForgottenAsOf >= latest))
        {
            return $"Model version '{version}' was trained on data read before the latest erasure (user forgotten at {latest:o}) and may still " +
                "hold a forgotten user; promote a version trained since.";
        }

        return null;
    }
}
