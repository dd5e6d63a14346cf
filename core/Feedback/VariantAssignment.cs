namespace Tailor.Feedback;

/// <summary>Which users a challenger serves: those whose stable hash (<see cref="StableHash"/> of
/// <c>challenger:</c> and the user id) falls below the share. The same user always lands on the same side, in every
/// process, and a larger share only adds users.</summary>
public static class VariantAssignment
{
    private const string Salt = "challenger:";

    public static bool IsChallenger(string userId, double share) =>
        share > 0 && (share >= 1 || StableHash.Unit(Salt + userId) < share);

    public static string Of(string userId, double share) => IsChallenger(userId, share) ? Variants.Challenger : Variants.Champion;
}
