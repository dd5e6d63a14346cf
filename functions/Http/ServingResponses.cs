using Microsoft.AspNetCore.Mvc;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Maps a <see cref="ServingResult{T}"/> to 200, 503 (no model) or 404.</summary>
internal static class ServingResponses
{
    public static IActionResult Recommendations(ServingResult<RecommendationResult> result) => Map(result, HttpJsonContext.Default.RecommendationResult, null);

    public static IActionResult SimilarItems(ServingResult<RecommendationResult> result, string itemId) =>
        Map(result, HttpJsonContext.Default.RecommendationResult, () => Problem.NotFound("itemId", $"No item with itemId '{itemId}' in the serving model or its catalog."));

    public static IActionResult CurrentModel(ServingResult<CurrentModelInfo> result) => Map(result, HttpJsonContext.Default.CurrentModelInfo, null);

    private static IActionResult Map<T>(ServingResult<T> result, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, Func<IActionResult>? notFound)
        where T : class => result.Status switch
        {
            ServingStatus.Ok => new JsonResponse<T>(result.Value!, typeInfo),
            ServingStatus.NotFound when notFound is not null => notFound(),
            ServingStatus.NoCatalog => Problem.InvalidParameter(
                RecommendationParameters.Category, "needs the item catalog, and no catalog is loaded: the serving model was trained without one (upload one to the catalog container; the next training run takes it)"),
            _ => Problem.NoModel(),
        };
}
