using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Tailor.Functions.Http;

/// <summary>Serves <see cref="OpenApiDocument"/>.</summary>
public sealed class OpenApiFunction
{
    [Function("OpenApi")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        new JsonResponse<System.Text.Json.Nodes.JsonObject>(OpenApiDocument.Create(), HttpJsonContext.Default.JsonObject);
}
