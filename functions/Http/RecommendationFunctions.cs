using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Recommendations for a user, an anonymous session, and items similar to one item.</summary>
/// <remarks>A route's user id is the caller's; it is mapped to the stored id (<see cref="UserIdPseudonymizer"/>) before any lookup.</remarks>
public sealed class RecommendationFunctions(RecommendationService recommendations, UserIdPseudonymizer pseudonymizer, IOptions<ServingOptions> options)
{
    [Function("GetRecommendations")]
    public async Task<IActionResult> GetForUser(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "recommendations/{userId}")] HttpRequest req, string userId)
    {
        if (RequestParameters.CheckId("userId", userId) is { } invalid)
        {
            return invalid;
        }

        if (RecommendationParameters.TryRead(req, options.Value, out var request) is { } problem)
        {
            return problem;
        }

        var result = await recommendations.GetForUserAsync(pseudonymizer.Apply(userId), request, req.HttpContext.RequestAborted);
        return ServingResponses.Recommendations(result);
    }

    [Function("RecommendForSession")]
    public async Task<IActionResult> ForSession(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "recommendations")] HttpRequest req)
    {
        SessionRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(req.Body, HttpJsonContext.Default.SessionRequest, req.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Problem.InvalidParameter(field, $"is not valid: expected a JSON object {{\"items\": [\"item id\", ...], \"count\": 10}} ({e.Message})");
        }

        if (Validate(body, options.Value, out var items, out var request) is { } problem)
        {
            return problem;
        }

        var result = await recommendations.ForSessionAsync(items, request, req.HttpContext.RequestAborted);
        return ServingResponses.Recommendations(result);
    }

    [Function("GetSimilarItems")]
    public async Task<IActionResult> SimilarItems(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{itemId}/similar")] HttpRequest req, string itemId)
    {
        if (RequestParameters.CheckId("itemId", itemId) is { } invalid)
        {
            return invalid;
        }

        if (RecommendationParameters.TryRead(req, options.Value, out var request) is { } problem)
        {
            return problem;
        }

        var result = await recommendations.SimilarItemsAsync(itemId, request, req.HttpContext.RequestAborted);
        return ServingResponses.SimilarItems(result, itemId);
    }

    private static IActionResult? Validate(SessionRequest? body, ServingOptions options, out string[] items, out RecommendationRequest request)
    {
        items = [];
        request = RecommendationRequest.Top(options.DefaultCount);
        if (body is null)
        {
            return Problem.InvalidParameter("body", "must be a JSON object {\"items\": [\"item id\", ...], \"count\": 10}");
        }

        if (body.Items is null)
        {
            return Problem.InvalidParameter("items", "is required: a JSON array of item ids");
        }

        if (body.Items.Count > RequestParameters.MaxSessionItems)
        {
            return Problem.InvalidParameter("items", $"may hold at most {RequestParameters.MaxSessionItems} item ids, has {body.Items.Count}");
        }

        items = new string[body.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var id = body.Items[i];
            if (!EntityId.IsValid(id))
            {
                return Problem.InvalidParameter($"items[{i}]", "must be a string of " + EntityId.Rule);
            }

            items[i] = id!;
        }

        return RecommendationParameters.Check(
            body.Count ?? options.DefaultCount, body.Offset ?? 0, body.Category ?? [], body.Exclude ?? [], body.Explain ?? false, body.Diversity ?? 0f,
            options, out request, body.Available ?? true);
    }
}
