using Xunit;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Testing;

/// <summary>Holds real responses against an OpenAPI document: the operation must document the status and
/// content type, and the body must match that response's schema (checked by <see cref="JsonSchemaChecker"/>).</summary>
public sealed class OpenApiContract(JsonNode document)
{
    private readonly JsonSchemaChecker _checker = new(document);

    /// <summary>The schema of <paramref name="operationId"/>'s answer with <paramref name="status"/> and <paramref name="contentType"/>.</summary>
    public JsonNode SchemaOf(string operationId, int status, string contentType)
    {
        var operation = Operation(operationId);
        var response = operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)]
            ?? throw new Xunit.Sdk.XunitException($"{operationId} answered {status}, which its OpenAPI operation does not document.");
        var mediaType = contentType.Split(';')[0].Trim();
        return response["content"]?[mediaType]?["schema"]
            ?? throw new Xunit.Sdk.XunitException($"{operationId} {status} answered {mediaType}, which its OpenAPI operation does not document.");
    }

    public void AssertConforms(string operationId, int status, string contentType, JsonElement body)
    {
        var errors = _checker.Check(SchemaOf(operationId, status, contentType), body);
        Assert.True(errors.Count == 0, $"{operationId} {status} does not match its OpenAPI schema:\n{string.Join("\n", errors)}\n{body}");
    }

    private JsonObject Operation(string operationId)
    {
        foreach (var (_, path) in (JsonObject)document["paths"]!)
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
