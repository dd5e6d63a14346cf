using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Tailor.Models;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>The serving model, the list of versions, and promotion by hand (rollback or roll-forward).</summary>
public sealed class ModelFunctions(RecommendationService recommendations, ModelStore store, ModelPointer pointer, ModelPromoter promoter, ModelCache cache)
{
    [Function("GetCurrentModel")]
    public async Task<IActionResult> Current(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current")] HttpRequest req) =>
        ServingResponses.CurrentModel(await recommendations.GetCurrentModelAsync(req.HttpContext.RequestAborted));

    [Function("ListModels")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models")] HttpRequest req)
    {
        var cancellationToken = req.HttpContext.RequestAborted;
        var current = await pointer.ReadAsync(cancellationToken);
        var models = await store.ListVersionsAsync(cancellationToken);
        return new JsonResponse<ModelListResponse>(new ModelListResponse(current?.Current.Version, models), HttpJsonContext.Default.ModelListResponse);
    }

    /// <summary>A version's evaluation report: its metrics on the holdout against popularity (and the model it
    /// would have replaced), and the promotion decision.</summary>
    [Function("GetModelReport")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/{version}/report")] HttpRequest req, string version)
    {
        if (!ModelVersion.IsValid(version))
        {
            return Problem.InvalidParameter("version", "must be a model version as GET models lists them (letters, digits, '-', '_', '.')");
        }

        var report = await store.ReadReportAsync(version, req.HttpContext.RequestAborted);
        return report is null
            ? Problem.NotFound("version", $"Model version '{version}' has no report (or does not exist).")
            : new JsonResponse<EvaluationReport>(report, HttpJsonContext.Default.EvaluationReport);
    }

    /// <summary>Points serving at an existing version. An <c>If-Match</c> header makes the swap conditional on
    /// the pointer ETag the caller saw; <c>?reason=</c> is recorded in <c>current.json</c>.</summary>
    [Function("PromoteModel")]
    public async Task<IActionResult> Promote(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{version}/promote")] HttpRequest req, string version)
    {
        if (RequestParameters.TryReadReason(req, "promoted by an administrator", out var reason) is { } invalid)
        {
            return invalid;
        }

        Azure.ETag? expected = req.Headers.TryGetValue(HeaderNames.IfMatch, out var ifMatch) ? new Azure.ETag(ifMatch.ToString()) : null;
        var result = await promoter.PromoteAsync(version, reason, expected, req.HttpContext.RequestAborted);
        if (result.Status == PromotionStatus.UnknownVersion)
        {
            return Problem.NotFound("version", $"Model version '{version}' does not exist (or is incomplete).");
        }

        if (result is { Status: PromotionStatus.Refused, Reason: { } refusal })
        {
            return Problem.Conflict(refusal);
        }

        if (result is not { Status: PromotionStatus.Promoted, Current: { } promoted })
        {
            return Problem.Conflict("The serving model changed while promoting (another promotion won); read models/current and retry.");
        }

        // Serve it from this instance at once; other instances follow within Tailor:Serving:RefreshSeconds.
        await cache.RefreshAsync(req.HttpContext.RequestAborted);
        return new JsonResponse<PromotionResponse>(new PromotionResponse(promoted.Version, promoted.PromotedUtc, promoted.Reason), HttpJsonContext.Default.PromotionResponse);
    }
}
