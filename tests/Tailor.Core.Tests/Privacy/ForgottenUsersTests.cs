using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Privacy;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Privacy;

[Collection(AzuriteCollection.Name)]
public sealed class ForgottenUsersTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_user_forgotten_on_another_instance_is_seen_after_the_refresh_interval_by_a_reload_in_the_background()
    {
        var storage = await azurite.CreateStorageAsync();
        var time = new ManualTimeProvider(s_start);
        var here = Instance(storage, time);
        var elsewhere = Instance(storage, time);
        await elsewhere.ForgetAsync("early-user");

        Assert.True(await here.ContainsAsync("early-user"), "the first lookup loads the tombstones stored before it");
        await elsewhere.ForgetAsync("late-user");
        Assert.False(await here.ContainsAsync("late-user"));

        time.Advance(TimeSpan.FromSeconds(30));
        var seen = await Eventually.PollAsync(
            async () => await here.ContainsAsync("late-user") ? "seen" : null, TimeSpan.FromSeconds(30), "the reload of the forgotten users");
        Assert.Equal("seen", seen);
        Assert.True(await here.ContainsAsync("early-user"));
    }

    [Fact]
    public async Task A_user_forgotten_before_the_first_lookup_of_the_same_instance_is_not_served()
    {
        var storage = await azurite.CreateStorageAsync();
        var instance = Instance(storage, new ManualTimeProvider(s_start));
        var other = Instance(storage, new ManualTimeProvider(s_start));
        await other.ForgetAsync("stored-user");

        await instance.ForgetAsync("this-user");

        Assert.True(await instance.ContainsAsync("this-user"));
        Assert.True(await instance.ContainsAsync("stored-user"), "forgetting here before any lookup must not stand in for the first load");
    }

    private static ForgottenUsers Instance(TailorStorage storage, TimeProvider time) =>
        new(storage, time, Options.Create(new PrivacyOptions { RefreshSeconds = 30 }), NullLogger<ForgottenUsers>.Instance);
}
