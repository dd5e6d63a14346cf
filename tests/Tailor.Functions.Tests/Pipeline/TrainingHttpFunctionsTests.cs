using Tailor.Functions.Pipeline;
using Tailor.Pipeline;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Pipeline;

[Collection(AzuriteCollection.Name)]
public sealed class TrainingHttpFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Post_training_starts_the_singleton_run_and_get_reports_its_outcome()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var functions = harness.Create<TrainingHttpFunctions>();

        var started = await ServingHarness.RunAsync(await functions.Start(ServingHarness.Post("/api/training", "", "?reason=nightly"), harness.Client), "StartTraining");
        Assert.Equal(202, started.Status);
        Assert.Equal(TrainingPipeline.InstanceId, started.Json.GetProperty("instanceId").GetString());
        Assert.True(started.Json.GetProperty("started").GetBoolean());
        await harness.WaitForTrainingAsync();

        var status = await ServingHarness.RunAsync(await functions.Get(ServingHarness.Get("/api/training/" + TrainingPipeline.InstanceId), TrainingPipeline.InstanceId, harness.Client), "GetTraining");
        Assert.Equal(200, status.Status);
        Assert.Equal("Completed", status.Json.GetProperty("status").GetString());
        Assert.False(status.Json.GetProperty("outcome").GetProperty("promotion").GetProperty("promoted").GetBoolean());
    }

    [Fact]
    public async Task Get_training_for_an_unknown_run_is_a_problem_naming_the_id()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var response = await ServingHarness.RunAsync(await harness.Create<TrainingHttpFunctions>()
            .Get(ServingHarness.Get("/api/training/nope"), "nope", harness.Client), "GetTraining");

        response.AssertProblem(404, "not-found", "id");
    }

    [Fact]
    public async Task Post_training_with_an_overlong_reason_is_rejected_naming_the_parameter()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var response = await ServingHarness.RunAsync(await harness.Create<TrainingHttpFunctions>()
            .Start(ServingHarness.Post("/api/training", "", "?reason=" + new string('x', 501)), harness.Client), "StartTraining");

        response.AssertProblem(400, "invalid-parameter", "reason");
        Assert.Null(await harness.Client.GetInstanceAsync(TrainingPipeline.InstanceId));
    }
}
