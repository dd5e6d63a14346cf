using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Cli.Serve;
using Tailor.Models;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Serve;

/// <summary>The app's HTTP functions on a real Kestrel at 127.0.0.1, over isolated Azurite storage with a
/// promoted model, called over the loopback with an HttpClient.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalFunctionsServerTests(AzuriteFixture azurite)
{
    private const string FunctionKey = "function-key-for-tests-0001";
    private const string AdminKey = "admin-key-for-tests-00000001";
    private const string Version = "20261129-041500-ab12cd";

    [Fact]
    public async Task Health_is_anonymous_and_names_the_serving_version()
    {
        await using var running = await StartAsync();

        using var response = await running.Client.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(Version, body.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task Recommendations_with_the_function_key_match_the_served_OpenAPI_document()
    {
        await using var running = await StartAsync();
        using var documentResponse = await running.Client.GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.OK, documentResponse.StatusCode);
        var contract = new OpenApiContract(JsonNode.Parse(await documentResponse.Content.ReadAsStringAsync())!);

        using var byHeader = await running.SendAsync(HttpMethod.Get, "recommendations/u7?count=5", FunctionKey);
        using var byQuery = await running.Client.GetAsync($"recommendations/u7?count=5&code={FunctionKey}");

        foreach (var response in new[] { byHeader, byQuery })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await JsonOf(response);
            contract.AssertConforms("GetRecommendations", 200, response.Content.Headers.ContentType!.ToString(), body);
            Assert.Equal(5, body.GetProperty("items").GetArrayLength());
            Assert.Equal(Version, body.GetProperty("modelVersion").GetString());
        }
    }

    [Fact]
    public async Task Recommendations_without_a_key_or_with_a_wrong_one_are_401_problem_details()
    {
        await using var running = await StartAsync();

        using var withoutKey = await running.Client.GetAsync("recommendations/u7");
        using var wrongKey = await running.SendAsync(HttpMethod.Get, "recommendations/u7", FunctionKey + "x");

        foreach (var response in new[] { withoutKey, wrongKey })
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task An_admin_route_refuses_the_function_key_and_accepts_the_admin_key()
    {
        await using var running = await StartAsync();

        using var withFunctionKey = await running.SendAsync(HttpMethod.Post, $"models/{Version}/promote?reason=rollback", FunctionKey);
        using var withAdminKey = await running.SendAsync(HttpMethod.Post, $"models/{Version}/promote?reason=rollback", AdminKey);

        await AssertProblemAsync(withFunctionKey, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        var body = await JsonOf(withAdminKey);
        Assert.Equal(Version, body.GetProperty("version").GetString());
        Assert.Equal("rollback", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_bad_parameter_is_400_problem_details_naming_it()
    {
        await using var running = await StartAsync();

        using var response = await running.SendAsync(HttpMethod.Get, "recommendations/u7?count=0", FunctionKey);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-parameter");
        Assert.Equal("count", body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_not_served()
    {
        await using var running = await StartAsync();

        using var unknown = await running.SendAsync(HttpMethod.Get, "nothing-here", AdminKey);
        using var wrongMethod = await running.SendAsync(HttpMethod.Delete, "health", AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Keys_left_unset_are_generated_distinct_and_accepted()
    {
        await using var running = await StartAsync(keys: false);
        var keys = running.Server.Keys;

        using var withGenerated = await running.SendAsync(HttpMethod.Get, "models/current", keys.FunctionKey);

        Assert.True(keys.FunctionKeyGenerated);
        Assert.True(keys.AdminKeyGenerated);
        Assert.NotEqual(keys.FunctionKey, keys.AdminKey);
        Assert.True(keys.FunctionKey.Length >= ServeOptions.MinimumKeyLength);
        Assert.Equal(HttpStatusCode.OK, withGenerated.StatusCode);
    }

    [Fact]
    public async Task A_short_key_in_settings_fails_at_start_naming_the_setting()
    {
        var settings = IsolatedSettings.Create();
        settings["Tailor:Serve:FunctionKey"] = "short";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LocalFunctionsServer.StartAsync(azurite.ConnectionString, 0, settings));

        Assert.Contains("Tailor:Serve:FunctionKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_is_served_anonymously_at_the_address_serve_prints()
    {
        await using var running = await StartAsync();
        var printed = new StringWriter();
        Tailor.Cli.Commands.ServeCommand.Print(printed, running.Server);

        using var page = await running.Client.GetAsync(running.Server.ConsoleAddress);
        using var script = await running.Client.GetAsync(new Uri(running.Server.ConsoleAddress, "js/app.js"));
        using var traversal = await running.Client.GetAsync(new Uri(running.Server.ConsoleAddress, "js/..%2F..%2Fappsettings.json"));

        Assert.Contains($"console: {running.Server.ConsoleAddress}", printed.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Tailor console</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        await AssertProblemAsync(traversal, HttpStatusCode.NotFound, "not-found");
    }

    private async Task<RunningServer> StartAsync(bool keys = true)
    {
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        if (keys)
        {
            settings["Tailor:Serve:FunctionKey"] = FunctionKey;
            settings["Tailor:Serve:AdminKey"] = AdminKey;
        }

        await using (var services = TailorServices.Build(settings))
        {
            await services.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
            await SampleModel.WriteVersionAsync(services.GetRequiredService<ModelStore>(), Version, SampleModel.Artifact());
            Assert.Equal(PromotionStatus.Promoted, (await services.GetRequiredService<ModelPromoter>().PromoteAsync(Version, "test")).Status);
        }

        var server = await LocalFunctionsServer.StartAsync(azurite.ConnectionString, 0, settings);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        return new RunningServer(server, new HttpClient { BaseAddress = server.BaseAddress });
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonOf(response);
        Assert.Equal("https://tailor.dev/problems/" + type, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        return body;
    }

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
