using Microsoft.Extensions.DependencyInjection;
using Tailor.Functions.Http;
using Tailor.Models;
using Tailor.Privacy;
using Tailor.Testing;

namespace Tailor.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class ModelFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Current_model_is_503_before_promotion_and_describes_the_model_after()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<ModelFunctions>();
        var before = await ServingHarness.RunAsync(await functions.Current(ServingHarness.Get("/api/models/current")), "GetCurrentModel");
        await harness.WriteVersionAsync("20261129-041500-ab12cd");
        await harness.PromoteAsync("20261129-041500-ab12cd");

        var after = await ServingHarness.RunAsync(await functions.Current(ServingHarness.Get("/api/models/current")), "GetCurrentModel");

        before.AssertProblem(503, "no-model");
        Assert.Equal(200, after.Status);
        Assert.Equal("20261129-041500-ab12cd", after.Json.GetProperty("version").GetString());
        Assert.Equal("popularity", after.Json.GetProperty("algorithm").GetString());
        Assert.Equal(20, after.Json.GetProperty("items").GetInt32());
        Assert.Equal(0.3, after.Json.GetProperty("metrics").GetProperty("ndcg").GetDouble());
        Assert.True(after.Json.TryGetProperty("promotedUtc", out _));
    }

    [Fact]
    public async Task Model_list_shows_every_version_newest_first_and_the_current_one()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var functions = harness.Create<ModelFunctions>();
        var empty = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/models")), "ListModels");
        await harness.WriteVersionAsync("20261128-000000-aaaaaa");
        await harness.WriteVersionAsync("20261129-000000-bbbbbb");
        await harness.PromoteAsync("20261128-000000-aaaaaa");

        var listed = await ServingHarness.RunAsync(await functions.List(ServingHarness.Get("/api/models")), "ListModels");

        Assert.Equal(200, empty.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.Json.GetProperty("current").ValueKind);
        Assert.Empty(empty.Json.GetProperty("models").EnumerateArray());
        Assert.Equal("20261128-000000-aaaaaa", listed.Json.GetProperty("current").GetString());
        Assert.Equal(
            ["20261129-000000-bbbbbb", "20261128-000000-aaaaaa"],
            listed.Json.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("version").GetString()));
        Assert.Equal(8, listed.Json.GetProperty("models")[0].GetProperty("data").GetProperty("users").GetInt32());
    }

    [Fact]
    public async Task Promote_switches_the_serving_model_at_once()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync("v1");
        await harness.WriteVersionAsync("v2");
        await harness.PromoteAsync("v2");
        var functions = harness.Create<ModelFunctions>();
        var recommendations = harness.Create<RecommendationFunctions>();

        var promoted = await ServingHarness.RunAsync(await functions.Promote(ServingHarness.Post("/api/models/v1/promote", "", "?reason=rollback"), "v1"), "PromoteModel");
        var current = await ServingHarness.RunAsync(await functions.Current(ServingHarness.Get("/api/models/current")), "GetCurrentModel");
        var served = await ServingHarness.RunAsync(await recommendations.GetForUser(ServingHarness.Get("/api/recommendations/x"), "x"), "GetRecommendations");

        Assert.Equal(200, promoted.Status);
        Assert.Equal("v1", promoted.Json.GetProperty("version").GetString());
        Assert.Equal("rollback", promoted.Json.GetProperty("reason").GetString());
        Assert.Equal("v1", current.Json.GetProperty("version").GetString());
        Assert.Equal("rollback", current.Json.GetProperty("reason").GetString());
        Assert.Equal("v1", served.Json.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task Promoting_an_unknown_version_is_404_and_changes_nothing()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync("v1");
        await harness.PromoteAsync("v1");
        var functions = harness.Create<ModelFunctions>();

        var response = await ServingHarness.RunAsync(await functions.Promote(ServingHarness.Post("/api/models/v9/promote", ""), "v9"), "PromoteModel");

        response.AssertProblem(404, "not-found", "version");
        Assert.Equal("v1", (await harness.Services.GetRequiredService<ModelPointer>().ReadAsync())!.Current.Version);
    }

    [Fact]
    public async Task Promoting_with_a_stale_if_match_is_409_and_keeps_the_newer_promotion()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync("v1");
        await harness.WriteVersionAsync("v2");
        await harness.PromoteAsync("v1");
        var pointer = harness.Services.GetRequiredService<ModelPointer>();
        var seen = (await pointer.ReadAsync())!.ETag;
        await harness.PromoteAsync("v2");
        var functions = harness.Create<ModelFunctions>();
        var request = ServingHarness.Post("/api/models/v1/promote", "");
        request.Headers.IfMatch = seen.ToString("H");

        var response = await ServingHarness.RunAsync(await functions.Promote(request, "v1"), "PromoteModel");

        response.AssertProblem(409, "conflict");
        Assert.Equal("v2", (await pointer.ReadAsync())!.Current.Version);
    }

    [Fact]
    public async Task Promoting_with_the_current_if_match_succeeds()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync("v1");
        await harness.WriteVersionAsync("v2");
        await harness.PromoteAsync("v1");
        var pointer = harness.Services.GetRequiredService<ModelPointer>();
        var request = ServingHarness.Post("/api/models/v2/promote", "");
        request.Headers.IfMatch = (await pointer.ReadAsync())!.ETag.ToString("H");

        var response = await ServingHarness.RunAsync(await harness.Create<ModelFunctions>().Promote(request, "v2"), "PromoteModel");

        Assert.Equal(200, response.Status);
        Assert.Equal("v2", (await pointer.ReadAsync())!.Current.Version);
    }

    [Fact]
    public async Task Rollback_is_refused_while_an_erasure_is_pending_and_to_a_version_that_may_hold_a_forgotten_user()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        await harness.WriteVersionAsync("v1");
        await harness.WriteVersionAsync("v2");
        await SampleModel.WriteVersionAsync(harness.Services.GetRequiredService<ModelStore>(), "v3", ServingHarness.SampleArtifact(), forgottenAsOf: DateTimeOffset.UtcNow.AddDays(1));
        await harness.PromoteAsync("v1");
        await harness.Services.GetRequiredService<ForgottenUsers>().ForgetAsync("u3");
        var functions = harness.Create<ModelFunctions>();
        var pointer = harness.Services.GetRequiredService<ModelPointer>();

        var pending = await ServingHarness.RunAsync(await functions.Promote(ServingHarness.Post("/api/models/v3/promote", ""), "v3"), "PromoteModel");

        pending.AssertProblem(409, "conflict");
        Assert.Contains("erasure of 1 forgotten users is in progress", pending.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("v1", (await pointer.ReadAsync())!.Current.Version);

        var ledger = harness.Services.GetRequiredService<ErasureLedger>();
        var record = (await ledger.FindAsync("u3"))!;
        await ledger.RecordAsync(record with { State = ErasureStates.Done, ErasedUtc = DateTimeOffset.UtcNow });
        var older = await ServingHarness.RunAsync(await functions.Promote(ServingHarness.Post("/api/models/v2/promote", ""), "v2"), "PromoteModel");
        var newer = await ServingHarness.RunAsync(await functions.Promote(ServingHarness.Post("/api/models/v3/promote", ""), "v3"), "PromoteModel");

        older.AssertProblem(409, "conflict");
        Assert.Contains("may still hold a forgotten user", older.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, newer.Status);
        Assert.Equal("v3", (await pointer.ReadAsync())!.Current.Version);
    }
}
