using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Training.Ease;

namespace Tailor.Tests.Http;

/// <summary>The services the HTTP functions need (as <c>AddTailorServing</c> registers them) over a fresh
/// Azurite storage, plus helpers to build requests and run results like the Functions host does.</summary>
internal sealed class ServingHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ServingHarness(TailorStorage storage, ServiceProvider provider)
    {
        Storage = storage;
        _provider = provider;
    }

    public TailorStorage Storage { get; }

    public IServiceProvider Services => _provider;

    public static async Task<ServingHarness> CreateAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var storage = await azurite.CreateStorageAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddLogging();
        services.AddSingleton(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddTailorServing();
        return new ServingHarness(storage, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_provider);

    /// <summary>The shared sample (<see cref="SampleModel.Artifact"/>): 20 items, 8 users; u0 has seen everything and u7 only i00–i02.</summary>
    public static ModelArtifact SampleArtifact() => SampleModel.Artifact();

    /// <summary>The history of <see cref="SampleArtifact"/> with an EASE model, whose scores split exactly by history item.</summary>
    public static ModelArtifact EaseArtifact()
    {
        var sample = SampleArtifact();
        return new ModelArtifact(sample.UserIds, sample.ItemIds, sample.History, sample.Popularity, new EaseTrainer(new EaseOptions(Lambda: 2f)).Fit(sample.History));
    }

    public Task WriteVersionAsync(string version) => WriteVersionAsync(version, SampleArtifact());

    public Task WriteVersionAsync(string version, ModelArtifact artifact) =>
        SampleModel.WriteVersionAsync(Services.GetRequiredService<ModelStore>(), version, artifact);

    public async Task PromoteAsync(string version)
    {
        var result = await Services.GetRequiredService<ModelPromoter>().PromoteAsync(version, "test");
        Assert.Equal(PromotionStatus.Promoted, result.Status);
        await Services.GetRequiredService<ModelCache>().RefreshAsync();
    }

    public static HttpRequest Get(string path, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    public static HttpRequest Post(string path, string body, string query = "")
    {
        var request = Get(path, query);
        request.Method = "POST";
        request.ContentType = "application/json";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return request;
    }

    /// <summary>Executes the result as the host would, checks the answer against the OpenAPI document's
    /// schema for <paramref name="operationId"/> and its status, and returns the status, content type and parsed body.</summary>
    public static async Task<Response> RunAsync(IActionResult result, string operationId)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var response = new Response(context.Response.StatusCode, context.Response.ContentType ?? "", JsonDocument.Parse(body.ToArray()).RootElement.Clone());
        ApiContract.AssertConforms(operationId, response.Status, response.ContentType, response.Json);
        return response;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    public sealed record Response(int Status, string ContentType, JsonElement Json)
    {
        public void AssertProblem(int status, string type, string? parameter = null)
        {
            Assert.Equal(status, Status);
            Assert.StartsWith("application/problem+json", ContentType, StringComparison.Ordinal);
            Assert.Equal("https://tailor.dev/problems/" + type, Json.GetProperty("type").GetString());
            Assert.Equal(status, Json.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(Json.GetProperty("title").GetString()));
            var detail = Json.GetProperty("detail").GetString()!;
            Assert.DoesNotContain(" at Tailor.", detail, StringComparison.Ordinal);
            if (parameter is not null)
            {
                Assert.Equal(parameter, Json.GetProperty("parameter").GetString());
                Assert.Contains(parameter, detail, StringComparison.Ordinal);
            }
        }
    }
}
