using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Cli.Hosting;
using Tailor.Cli.Serve;
using Tailor.Cli.Synthetic;
using Tailor.Ingestion;
using Tailor.Pipeline;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Serve;

/// <summary>The routes that take a <c>[DurableClient]</c> on <c>tailor serve</c>'s server: its own Durable pipeline
/// (the Durable Task Framework on Azurite, an isolated task hub) runs the training orchestration and the erasure
/// timer, reached over the loopback with an HttpClient.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServeDurableTests(AzuriteFixture azurite)
{
    private const string FunctionKey = "function-key-for-tests-0002";
    private const string AdminKey = "admin-key-for-tests-00000002";
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Post_training_runs_the_orchestration_and_the_promoted_model_serves()
    {
        await using var running = await StartAsync();
        using var documentResponse = await running.Client.GetAsync("openapi.json");
        var contract = new OpenApiContract(JsonNode.Parse(await documentResponse.Content.ReadAsStringAsync())!);

        using var started = await running.SendAsync(HttpMethod.Post, "training?reason=test", AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var start = await JsonOf(started);
        contract.AssertConforms("StartTraining", 202, started.Content.Headers.ContentType!.ToString(), start);
        Assert.True(start.GetProperty("started").GetBoolean());

        var status = await WaitForRunAsync(running, start.GetProperty("statusUri").GetString()!, contract);

        var promotion = status.GetProperty("outcome").GetProperty("promotion");
        Assert.True(promotion.GetProperty("promoted").GetBoolean(), promotion.GetProperty("decision").GetString());
        using var served = await running.SendAsync(HttpMethod.Get, "recommendations/u1?count=5", FunctionKey);
        var recommendations = await JsonOf(served);
        Assert.Equal(promotion.GetProperty("version").GetString(), recommendations.GetProperty("modelVersion").GetString());
        Assert.Equal("personalized", recommendations.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Get_training_of_an_unknown_run_is_404_naming_the_id()
    {
        await using var running = await StartAsync();

        using var response = await running.SendAsync(HttpMethod.Get, "training/no-such-run", FunctionKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("id", (await JsonOf(response)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Delete_user_starts_training_and_the_erasure_timer_erases_the_user_everywhere()
    {
        await using var running = await StartAsync();
        using (var first = await running.SendAsync(HttpMethod.Post, "training", AdminKey))
        {
            await WaitForRunAsync(running, (await JsonOf(first)).GetProperty("statusUri").GetString()!, contract: null);
        }

        using var forgotten = await running.SendAsync(HttpMethod.Delete, "users/u3", AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, forgotten.StatusCode);
        Assert.False(string.IsNullOrEmpty((await JsonOf(forgotten)).GetProperty("trainingInstanceId").GetString()));

        var erasure = (await Eventually.PollAsync(async () =>
        {
            using var response = await running.SendAsync(HttpMethod.Get, "users/u3/erasure", AdminKey);
            var body = await JsonOf(response);
            return body.GetProperty("state").GetString() == "done" ? new[] { body } : null;
        }, s_runTimeout, "the erasure of u3 to be done"))[0];

        Assert.True(erasure.GetProperty("removed").GetProperty("processed").GetInt64() > 0, erasure.ToString());
        using var data = await running.SendAsync(HttpMethod.Get, "users/u3/data", AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, data.StatusCode);
    }

    /// <summary>A <c>tailor train</c> started while the server's run waits for uploads to go quiet finds that run
    /// and follows it to the end, instead of starting its own or taking the server's partition.</summary>
    [Fact]
    public async Task Tailor_train_during_a_served_run_resumes_that_run_and_returns_its_outcome()
    {
        var settings = Settings();
        settings["Tailor:Pipeline:QuietSeconds"] = "15";
        await using var running = await StartAsync(settings);
        using (var forgotten = await running.SendAsync(HttpMethod.Delete, "users/u3", AdminKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, forgotten.StatusCode);
        }

        using var before = await running.SendAsync(HttpMethod.Get, "training/" + TrainingPipeline.InstanceId, FunctionKey);
        var created = (await JsonOf(before)).GetProperty("createdUtc").GetDateTimeOffset();
        var progress = new List<TrainingProgress>();
        await using var cli = CliServices.Build(azurite.ConnectionString, LogLevel.Warning, settings);

        var outcome = await LocalTraining.RunAsync(
            azurite.ConnectionString, cli, cli.GetRequiredService<ILoggerFactory>(), "test", s_runTimeout,
            CancellationToken.None, progress: progress.Add);

        Assert.Equal("resuming", progress[0].Stage);
        using var after = await running.SendAsync(HttpMethod.Get, "training/" + TrainingPipeline.InstanceId, FunctionKey);
        var status = await JsonOf(after);
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal(created, status.GetProperty("createdUtc").GetDateTimeOffset());
        Assert.Equal(outcome.RunId, status.GetProperty("outcome").GetProperty("runId").GetString());
    }

    private static async Task<JsonElement> WaitForRunAsync(RunningServer running, string statusUri, OpenApiContract? contract)
    {
        var path = statusUri.StartsWith("/api/", StringComparison.Ordinal) ? statusUri["/api/".Length..] : statusUri;
        return (await Eventually.PollAsync(async () =>
        {
            using var response = await running.SendAsync(HttpMethod.Get, path, FunctionKey);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await JsonOf(response);
            contract?.AssertConforms("GetTraining", 200, response.Content.Headers.ContentType!.ToString(), body);
            var state = body.GetProperty("status").GetString();
            Assert.False(state is "Failed" or "Terminated", body.ToString());
            return state == "Completed" ? new[] { body } : null;
        }, s_runTimeout, "the training run to complete"))[0];
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        settings["Tailor:Serve:FunctionKey"] = FunctionKey;
        settings["Tailor:Serve:AdminKey"] = AdminKey;
        settings["Tailor:Serve:ErasureSeconds"] = "1";
        return settings;
    }

    private async Task<RunningServer> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= Settings();
        await using (var services = TailorServices.Build(settings))
        {
            var storage = services.GetRequiredService<TailorStorage>();
            await storage.EnsureCreatedAsync();
            using var events = new MemoryStream();
            await new SyntheticEventGenerator(new GeneratorOptions(200, 100, 8_000, Seed: 3)).WriteEventsAsync(events);
            events.Position = 0;
            await storage.Events.GetBlobClient("serve.csv").UploadAsync(events);
            Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<EventBatchIngestor>().IngestAsync("serve.csv")).Status);
        }

        var server = await LocalFunctionsServer.StartAsync(azurite.ConnectionString, 0, settings);
        return new RunningServer(server, new HttpClient { BaseAddress = server.BaseAddress });
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private sealed record RunningServer(LocalFunctionsServer Server, HttpClient Client) : IAsyncDisposable
    {
        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add(FunctionKeys.HeaderName, key);
            return Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }
}
