using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Serves <see cref="OpenApiDocument"/>, built once with the configured serving limits.</summary>
public sealed class OpenApiFunction(IOptions<ServingOptions> serving)
{
    private readonly Lazy<JsonObject> _document = new(() => OpenApiDocument.Create(serving.Value));

    [Function("OpenApi")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        new JsonResponse<JsonObject>(_document.Value, HttpJsonContext.Default.JsonObject);
}
