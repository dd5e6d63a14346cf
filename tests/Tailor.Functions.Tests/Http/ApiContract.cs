using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Functions.Http;
using Tailor.Serving;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>Holds real responses against the served OpenAPI document (see <see cref="OpenApiContract"/>).</summary>
internal static class ApiContract
{
    public static JsonObject Document { get; } = OpenApiDocument.Create(new ServingOptions());

    private static readonly OpenApiContract s_contract = new(Document);

    /// <summary>The schema of <paramref name="operationId"/>'s answer with <paramref name="status"/> and <paramref name="contentType"/>.</summary>
    public static JsonNode SchemaOf(string operationId, int status, string contentType) => s_contract.SchemaOf(operationId, status, contentType);

    public static void AssertConforms(string operationId, int status, string contentType, JsonElement body) =>
        s_contract.AssertConforms(operationId, status, contentType, body);
}
