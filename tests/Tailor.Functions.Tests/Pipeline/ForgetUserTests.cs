using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Functions.Ingestion;
using Tailor.Functions.Profiles;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Pipeline;

[Collection(AzuriteCollection.Name)]
public sealed class ForgetUserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_forgotten_user_is_served_as_unknown_at_once_and_is_left_out_of_the_next_runs_profiles()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("a.csv", new GeneratorOptions(200, 100, 8_000, Seed: 11));
        await harness.Create<IngestEventsFunctions>().IngestAsync("a.csv", harness.Client, CancellationToken.None);
        var first = await harness.WaitForTrainingAsync();
        var functions = harness.Create<ProfileFunctions>();
        var recommendations = harness.Services.GetRequiredService<RecommendationService>();
        // Served by the model (u3 may be a light user, whose list is blended with their segment's items).
        Assert.Contains((await recommendations.GetForUserAsync("u3", 5)).Value?.Strategy, new[] { RecommendationStrategy.Personalized, RecommendationStrategy.Segment });

        var request = ServingHarness.Get("/api/users/u3");
        request.Method = "DELETE";
        var forgotten = await ServingHarness.RunAsync(await functions.Forget(request, "u3", harness.Client), "ForgetUser");

        Assert.Equal(202, forgotten.Status);
        Assert.Equal(TrainingPipeline.InstanceId, forgotten.Json.GetProperty("trainingInstanceId").GetString());
        (await ServingHarness.RunAsync(await functions.Get(ServingHarness.Get("/api/users/u3/profile"), "u3"), "GetUserProfile"))
            .AssertProblem(404, "not-found", "userId");
        // Served as an unknown user: the fallback list, whichever (popular or trending) the run chose.
        var asForgotten = (await recommendations.GetForUserAsync("u3", 5)).Value;
        var asStranger = (await recommendations.GetForUserAsync("never-seen", 5)).Value;
        Assert.Contains(asForgotten?.Strategy, new[] { RecommendationStrategy.Popular, RecommendationStrategy.Trending });
        Assert.Equal(asStranger?.Strategy, asForgotten?.Strategy);
        Assert.Equal(asStranger?.Items.Select(i => i.ItemId), asForgotten?.Items.Select(i => i.ItemId));

        var second = await harness.WaitForTrainingAsync();
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(first.Snapshot.Users - 1, second.Snapshot.Users);
        var store = harness.Services.GetRequiredService<ProfileStore>();
        var profiles = await store.ReadAsync(RunBlobs.Profiles(second.RunId));
        Assert.Null(profiles.Find("u3"));
        Assert.NotNull(profiles.Find("u4"));
    }

    [Fact]
    public async Task Forgetting_needs_a_valid_user_id()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var request = ServingHarness.Get("/api/users/x");
        request.Method = "DELETE";

        var response = await ServingHarness.RunAsync(await harness.Create<ProfileFunctions>().Forget(request, new string('x', 129), harness.Client), "ForgetUser");

        response.AssertProblem(400, "invalid-parameter", "userId");
        Assert.Null(await harness.Client.GetInstanceAsync(TrainingPipeline.InstanceId));
    }
}
