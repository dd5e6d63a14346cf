using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Liveness for load balancers and humans: always 200, with the serving version or null.</summary>
public sealed class HealthFunction(IModelSource models)
{
    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req)
    {
        var model = await models.GetAsync(req.HttpContext.RequestAborted);
        var body = new HealthResponse(model is null ? HealthResponse.NoModel : HealthResponse.Ok, model?.Version);
        return new JsonResponse<HealthResponse>(body, HttpJsonContext.Default.HealthResponse);
    }
}
