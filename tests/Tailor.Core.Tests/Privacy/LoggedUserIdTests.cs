using Tailor.Privacy;

namespace Tailor.Tests.Privacy;

public sealed class LoggedUserIdTests
{
    [Fact]
    public void A_logged_user_id_is_a_stable_digest_that_does_not_contain_the_id()
    {
        var logged = LoggedUserId.Of("alice@example.com");

        Assert.Equal(logged, LoggedUserId.Of("alice@example.com"));
        Assert.NotEqual(logged, LoggedUserId.Of("alice@example.org"));
        Assert.DoesNotContain("alice", logged, StringComparison.Ordinal);
        Assert.Matches("^uid-[0-9a-f]{12}$", logged);
    }
}
