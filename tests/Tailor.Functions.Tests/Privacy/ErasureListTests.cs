using Microsoft.Extensions.DependencyInjection;
using Tailor.Functions.Privacy;
using Tailor.Privacy;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Privacy;

/// <summary><c>GET erasures</c> lists the erasures in a state from the tombstones, oldest first.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ErasureListTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Erasures_are_listed_by_state_oldest_first_with_the_open_ones_by_default()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var forgotten = harness.Services.GetRequiredService<ForgottenUsers>();
        var ledger = harness.Services.GetRequiredService<ErasureLedger>();
        foreach (var user in new[] { "first-forgotten", "second-forgotten", "third-forgotten" })
        {
            await forgotten.ForgetAsync(user);
        }

        var second = (await ledger.FindAsync("second-forgotten"))!;
        await ledger.RecordAsync(second with { State = ErasureStates.Done, ErasedUtc = DateTimeOffset.UtcNow });
        var third = (await ledger.FindAsync("third-forgotten"))!;
        await ledger.RecordAsync(third with { State = ErasureStates.DataErased, DataErasedUtc = DateTimeOffset.UtcNow });
        var first = (await ledger.FindAsync("first-forgotten"))!;
        var function = harness.Create<ErasureListFunctions>();

        var open = await ServingHarness.RunAsync(await function.List(ServingHarness.Get("/api/erasures")), "ListErasures");
        var pending = await ServingHarness.RunAsync(await function.List(ServingHarness.Get("/api/erasures", "?state=pending")), "ListErasures");
        var done = await ServingHarness.RunAsync(await function.List(ServingHarness.Get("/api/erasures", "?state=done")), "ListErasures");

        Assert.Equal(200, open.Status);
        Assert.Equal("open", open.Json.GetProperty("state").GetString());
        Assert.Equal(2, open.Json.GetProperty("count").GetInt32());
        Assert.Equal(["first-forgotten", "third-forgotten"], open.Json.GetProperty("erasures").EnumerateArray().Select(e => e.GetProperty("userId").GetString()));
        Assert.Equal(first.ForgottenUtc, open.Json.GetProperty("oldestForgottenAt").GetDateTimeOffset());
        Assert.Equal(0, open.Json.GetProperty("overdue").GetInt32());
        Assert.Equal("first-forgotten", Assert.Single(pending.Json.GetProperty("erasures").EnumerateArray()).GetProperty("userId").GetString());
        Assert.Equal("second-forgotten", Assert.Single(done.Json.GetProperty("erasures").EnumerateArray()).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task An_unknown_state_is_400_naming_the_parameter()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);

        var response = await ServingHarness.RunAsync(
            await harness.Create<ErasureListFunctions>().List(ServingHarness.Get("/api/erasures", "?state=gone")), "ListErasures");

        response.AssertProblem(400, "invalid-parameter", "state");
    }
}
