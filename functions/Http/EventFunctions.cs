using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tailor.Ingestion;

namespace Tailor.Functions.Http;

/// <summary><c>POST events</c>: fresh events, validated like a file's rows and written as one batch for ingestion.</summary>
public sealed class EventFunctions(EventApiWriter writer)
{
    [Function("PostEvents")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events")] HttpRequest req)
    {
        var body = await EventsBody.ReadAsync(req, req.HttpContext.RequestAborted);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var outcome = await writer.WriteAsync(body.Events, req.HttpContext.RequestAborted);
        return new JsonResponse<EventsResponse>(
            new EventsResponse(outcome.Accepted, outcome.Rejected, outcome.Rejections, outcome.BlobName),
            HttpJsonContext.Default.EventsResponse,
            StatusCodes.Status202Accepted);
    }
}
