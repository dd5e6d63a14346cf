using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tailor.Functions.Http;
using Tailor.Serving;

namespace Tailor.Functions.Segments;

/// <summary><c>GET segments</c> and <c>GET segments/{segmentId}</c>: the user segments of the run that trained the
/// serving model.</summary>
public sealed class SegmentFunctions(IModelSource models, IOptions<ServingOptions> options)
{
    [Function("ListSegments")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "segments")] HttpRequest req)
    {
        if (await models.GetAsync(req.HttpContext.RequestAborted) is not { } serving)
        {
            return Problem.NoModel();
        }

        return serving.Segments is not { } segments
            ? Problem.NotFound("segments", $"Model {serving.Version} has no user segments (its run made none: too few users, or Tailor:Segments:Enabled is false).")
            : new JsonResponse<SegmentListResponse>(SegmentAnswers.List(serving, segments), HttpJsonContext.Default.SegmentListResponse);
    }

    [Function("GetSegment")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "segments/{segmentId}")] HttpRequest req, string segmentId)
    {
        if (RequestParameters.CheckId("segmentId", segmentId) is { } invalid)
        {
            return invalid;
        }

        if (RequestParameters.TryReadCount(req, options.Value, out var count) is { } badCount)
        {
            return badCount;
        }

        if (await models.GetAsync(req.HttpContext.RequestAborted) is not { } serving)
        {
            return Problem.NoModel();
        }

        return serving.Segments is { } segments && SegmentAnswers.Find(serving, segments, segmentId, count) is { } found
            ? new JsonResponse<SegmentResponse>(found, HttpJsonContext.Default.SegmentResponse)
            : Problem.NotFound("segmentId", $"No segment with segmentId '{segmentId}' in model {serving.Version}.");
    }
}
