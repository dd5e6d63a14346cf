namespace Tailor.Privacy;

/// <summary>The question every reader of user data asks before using it: was this user forgotten?
/// Serving takes it as a required dependency, so no host can serve a forgotten user's history;
/// <see cref="PrivacyServiceCollectionExtensions.AddTailorPrivacy"/> registers <see cref="ForgottenUsers"/> for it.</summary>
public interface IForgottenUsers
{
    /// <summary>Whether <paramref name="userId"/> was forgotten (on other instances: as of the last refresh,
    /// at most <see cref="PrivacyOptions.RefreshSeconds"/> ago).</summary>
    ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default);
}
