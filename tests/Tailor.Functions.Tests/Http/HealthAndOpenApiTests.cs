using System.Text.Json;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Functions.Http;
using Tailor.Serving;
using Tailor.Testing;

namespace Tailor.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class HealthAndOpenApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_is_200_with_a_null_version_before_promotion_and_the_version_after()
    {
        await using var harness = await ServingHarness.CreateAsync(azurite);
        var health = harness.Create<HealthFunction>();

        var before = await ServingHarness.RunAsync(await health.Run(ServingHarness.Get("/api/health")), "Health");
        await harness.WriteVersionAsync("v1");
        await harness.PromoteAsync("v1");
        var after = await ServingHarness.RunAsync(await health.Run(ServingHarness.Get("/api/health")), "Health");

        Assert.Equal(200, before.Status);
        Assert.Equal("no-model", before.Json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, before.Json.GetProperty("modelVersion").ValueKind);
        Assert.Equal(200, after.Status);
        Assert.Equal("ok", after.Json.GetProperty("status").GetString());
        Assert.Equal("v1", after.Json.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_http_function_with_its_method()
    {
        var response = await ServingHarness.RunAsync(new OpenApiFunction(Options.Create(new ServingOptions())).Run(ServingHarness.Get("/api/openapi.json")), "OpenApi");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("3.1", response.Json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api", response.Json.GetProperty("servers")[0].GetProperty("url").GetString());
        var paths = response.Json.GetProperty("paths");
        var http = FunctionMetadata.Load().Where(f => f.Route is not null).ToList();
        Assert.NotEmpty(http);
        foreach (var function in http)
        {
            // OpenAPI knows no catch-all: console/{*path} is documented as console/{path}.
            var documented = "/" + function.Route!.Replace("{*", "{", StringComparison.Ordinal);
            Assert.True(paths.TryGetProperty(documented, out var path), $"OpenAPI has no path {documented} ({function.Name})");
            foreach (var method in function.Methods)
            {
                Assert.True(path.TryGetProperty(method, out var operation), $"OpenAPI has no {method} /{function.Route}");
                Assert.Equal(function.Name, operation.GetProperty("operationId").GetString());
            }
        }
    }

    [Fact]
    public async Task OpenApi_references_only_schemas_it_defines()
    {
        var response = await ServingHarness.RunAsync(new OpenApiFunction(Options.Create(new ServingOptions())).Run(ServingHarness.Get("/api/openapi.json")), "OpenApi");
        var schemas = response.Json.GetProperty("components").GetProperty("schemas");

        var references = new List<string>();
        Collect(response.Json, references);

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(
            schemas.TryGetProperty(reference["#/components/schemas/".Length..], out _), $"{reference} is not defined"));
    }

    [Fact]
    public void OpenApi_states_the_limits_the_validation_enforces()
    {
        var document = OpenApiDocument.Create(new ServingOptions { MaxCount = 40, DefaultCount = 7 });
        var operation = document["paths"]!["/recommendations/{userId}"]!["get"]!;
        var parameters = operation["parameters"]!.AsArray();
        var count = parameters.Single(p => (string?)p!["name"] == "count")!;
        var userId = parameters.Single(p => (string?)p!["name"] == "userId")!;
        var session = document["components"]!["schemas"]!["SessionRequest"]!["properties"]!;

        Assert.Equal(40, (int)count["schema"]!["maximum"]!);
        Assert.Equal(7, (int)count["schema"]!["default"]!);
        Assert.Contains("at most 40", (string?)count["description"], StringComparison.Ordinal);
        Assert.Equal(EntityId.MaxLength, (int)userId["schema"]!["maxLength"]!);
        Assert.Equal(40, (int)session["count"]!["maximum"]!);
        Assert.Equal(RequestParameters.MaxSessionItems, (int)session["items"]!["maxItems"]!);
        Assert.Equal(EntityId.MaxLength, (int)session["items"]!["items"]!["maxLength"]!);
        Assert.Null(document["components"]!["schemas"]!["SessionRequest"]!["required"]);
    }

    [Fact]
    public void Every_problem_response_references_the_one_ProblemDetails_schema()
    {
        var document = OpenApiDocument.Create(new ServingOptions());
        var problems = 0;
        foreach (var (_, path) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in path!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    if (status[0] is '4' or '5')
                    {
                        problems++;
                        Assert.Equal("#/components/schemas/ProblemDetails", (string?)response!["content"]![Problem.ContentType]!["schema"]!["$ref"]);
                    }
                }
            }
        }

        Assert.True(problems > 10, $"only {problems} problem responses");
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]);
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref")
                {
                    references.Add(property.Value.GetString()!);
                }
                else
                {
                    Collect(property.Value, references);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, references);
            }
        }
    }
}
