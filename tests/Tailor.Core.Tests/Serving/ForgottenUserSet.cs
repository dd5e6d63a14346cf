using Tailor.Privacy;

namespace Tailor.Tests.Serving;

/// <summary>A fixed set of forgotten users, for serving tests that need no storage.</summary>
internal sealed class ForgottenUserSet(params string[] users) : IForgottenUsers
{
    private readonly HashSet<string> _users = new(users, StringComparer.Ordinal);

    public static ForgottenUserSet None => new();

    public ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_users.Contains(userId));
}
