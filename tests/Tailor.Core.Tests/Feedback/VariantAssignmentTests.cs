using Tailor.Feedback;

namespace Tailor.Tests.Feedback;

public sealed class VariantAssignmentTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Challenger_serves_the_configured_share_of_users_within_binomial_tolerance(double share)
    {
        const int N = 20_000;
        var challengers = Enumerable.Range(0, N).Count(i => VariantAssignment.IsChallenger($"user-{i}", share));

        var sd = Math.Sqrt(N * share * (1 - share));
        Assert.InRange(challengers, (N * share) - (5 * sd), (N * share) + (5 * sd));
    }

    [Fact]
    public void Assignment_is_stable_for_a_user_and_a_larger_share_only_adds_users()
    {
        var users = Enumerable.Range(0, 2000).Select(i => $"shopper-{i}").ToArray();
        var small = users.Where(u => VariantAssignment.IsChallenger(u, 0.2)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(small, users.Where(u => VariantAssignment.IsChallenger(u, 0.2)).ToHashSet(StringComparer.Ordinal));
        Assert.Subset(users.Where(u => VariantAssignment.IsChallenger(u, 0.4)).ToHashSet(StringComparer.Ordinal), small);
        Assert.All(users, u => Assert.Equal(Variants.Champion, VariantAssignment.Of(u, 0)));
        Assert.All(users, u => Assert.Equal(Variants.Challenger, VariantAssignment.Of(u, 1)));
    }
}
