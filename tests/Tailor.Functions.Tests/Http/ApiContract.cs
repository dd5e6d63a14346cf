using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Functions.Http;
using Tailor.Serving;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>Holds real responses against the served OpenAPI document: the operation must document the status
/// and content type, and the body must match that response's schema.</summary>
internal static class ApiContract
{
    public static JsonObject Document { get; } = OpenApiDocument.Create(new ServingOptions());

    private static readonly JsonSchemaChecker s_checker = new(Document);

    /// <summary>The schema of <paramref name="operationId"/>'s answer with <paramref name="status"/> and <paramref name="contentType"/>.</summary>
    public static JsonNode SchemaOf(string operationId, int status, string contentType)
    {
        var operation = Operation(operationId);
        var response = operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)]
            ?? throw new Xunit.Sdk.XunitException($"{operationId} answered {status}, which its OpenAPI operation does not document.");
        var mediaType = contentType.Split(';')[0].Trim();
        return response["content"]?[mediaType]?["schema"]
            ?? throw new Xunit.Sdk.XunitException($"{operationId} {status} answered {mediaType}, which its OpenAPI operation does not document.");
    }

    public static void AssertConforms(string operationId, int status, string contentType, JsonElement body)
    {
        var errors = s_checker.Check(SchemaOf(operationId, status, contentType), body);
        Assert.True(errors.Count == 0, $"{operationId} {status} does not match its OpenAPI schema:\n{string.Join("\n", errors)}\n{body}");
    }

    private static JsonObject Operation(string operationId)
    {
        foreach (var (_, path) in (JsonObject)Document["paths"]!)
        {
            foreach (var (_, operation) in (JsonObject)path!)
            {
                if ((string?)operation!["operationId"] == operationId)
                {
                    return (JsonObject)operation;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"The OpenAPI document has no operation '{operationId}'.");
    }
}
