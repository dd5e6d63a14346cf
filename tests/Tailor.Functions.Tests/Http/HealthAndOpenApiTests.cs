using System.Text.Json;
using Tailor.Functions.Http;
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

        var before = await ServingHarness.RunAsync(await health.Run(ServingHarness.Get("/api/health")));
        await harness.WriteVersionAsync("v1");
        await harness.PromoteAsync("v1");
        var after = await ServingHarness.RunAsync(await health.Run(ServingHarness.Get("/api/health")));

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
        var response = await ServingHarness.RunAsync(new OpenApiFunction().Run(ServingHarness.Get("/api/openapi.json")));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("3.0", response.Json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api", response.Json.GetProperty("servers")[0].GetProperty("url").GetString());
        var paths = response.Json.GetProperty("paths");
        var http = FunctionMetadata.Load().Where(f => f.Route is not null).ToList();
        Assert.NotEmpty(http);
        foreach (var function in http)
        {
            Assert.True(paths.TryGetProperty("/" + function.Route, out var path), $"OpenAPI has no path /{function.Route} ({function.Name})");
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
        var response = await ServingHarness.RunAsync(new OpenApiFunction().Run(ServingHarness.Get("/api/openapi.json")));
        var schemas = response.Json.GetProperty("components").GetProperty("schemas");

        var references = new List<string>();
        Collect(response.Json, references);

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(
            schemas.TryGetProperty(reference["#/components/schemas/".Length..], out _), $"{reference} is not defined"));
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
