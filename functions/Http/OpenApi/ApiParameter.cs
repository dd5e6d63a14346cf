using System.Text.Json.Nodes;
using Tailor.Events;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>A path, query or header parameter. The factories take their ranges from the constants and options
/// the validation in <see cref="RequestParameters"/> uses, so the document states the rule that is enforced.</summary>
public sealed record ApiParameter(string Name, string In, bool Required, string Description, JsonObject Schema)
{
    /// <summary>For an array in the query: false when its values come comma-separated in one parameter
    /// (<c>exclude=a,b</c>), true when the parameter repeats (<c>category=a&amp;category=b</c>).</summary>
    public bool? Explode { get; init; }

    /// <summary>Every option the recommendation routes take after <c>count</c>, read by <see cref="RecommendationParameters"/>.</summary>
    public static IReadOnlyList<ApiParameter> RecommendationOptions() =>
    [
        new(RecommendationParameters.Offset, "query", false,
            $"How many of the best items to skip (paging): {RecommendationParameters.WindowRule}. Page 2 of ten is offset=10&count=10.",
            OffsetSchema()),
        new(RecommendationParameters.Category, "query", false,
            $"Keep only items in any of these catalog categories; repeat the parameter for more (at most {RecommendationRequest.MaxCategories}). Answers 400 while no item catalog is loaded.",
            IdArraySchema(RecommendationRequest.MaxCategories)) { Explode = true },
        new(RecommendationParameters.Exclude, "query", false,
            $"Comma-separated item ids never to return (at most {RecommendationRequest.MaxExclude}); ids the model does not know are ignored.",
            IdArraySchema(RecommendationRequest.MaxExclude)) { Explode = false },
        new(RecommendationParameters.Explain, "query", false,
            "With true, each item carries `because`: up to three history (or session) items that raised its score most, with their shares; a fallback gives a `reason` instead.",
            ExplainSchema()),
        new(RecommendationParameters.Diversity, "query", false,
            "λ of maximal marginal relevance: 0 ranks by score alone, larger values trade score for items less alike the ones above them (alike: sharing catalog categories while a catalog is loaded, else by the model's item similarity).",
            DiversitySchema()),
        new(RecommendationParameters.Available, "query", false,
            "With true (the default) items the catalog marks unavailable never appear; false lets them in (e.g. to show what is coming back).",
            AvailableSchema()),
    ];

    public static JsonObject AvailableSchema() => new() { ["type"] = "boolean", ["default"] = true };

    public static JsonObject OffsetSchema() => new()
    {
        ["type"] = "integer",
        ["minimum"] = 0,
        ["maximum"] = RecommendationRequest.MaxWindow - 1,
        ["default"] = 0,
    };

    public static JsonObject IdArraySchema(int maxItems) => new()
    {
        ["type"] = "array",
        ["items"] = IdSchema(),
        ["maxItems"] = maxItems,
    };

    public static JsonObject ExplainSchema() => new() { ["type"] = "boolean", ["default"] = false };

    public static JsonObject DiversitySchema() => new()
    {
        ["type"] = "number",
        ["minimum"] = RecommendationRequest.MinDiversity,
        ["maximum"] = RecommendationRequest.MaxDiversity,
        ["default"] = 0,
    };

    /// <summary>A user or item id in the route, checked by <see cref="RequestParameters.CheckId"/>.</summary>
    public static ApiParameter Id(string name, string description) =>
        new(name, "path", true, $"{description} {char.ToUpperInvariant(EntityId.Rule[0])}{EntityId.Rule[1..]}.", IdSchema());

    /// <summary>A route segment the function looks up as it is (a model version, a run id).</summary>
    public static ApiParameter Path(string name, string description) =>
        new(name, "path", true, description, new JsonObject { ["type"] = "string" });

    /// <summary><c>?count=</c>, read by <see cref="RequestParameters.TryReadCount"/>.</summary>
    public static ApiParameter Count(ServingOptions serving) => new(
        "count", "query", false,
        $"How many items: {serving.DefaultCount} when absent, at most {serving.MaxCount} ({ServingOptions.Section}:{nameof(ServingOptions.MaxCount)}).",
        CountSchema(serving));

    /// <summary><c>?reason=</c>, read by <see cref="RequestParameters.TryReadReason"/>.</summary>
    public static ApiParameter Reason() => new(
        "reason", "query", false, $"Why, as recorded with the operation (at most {RequestParameters.MaxReasonLength} characters).",
        new JsonObject { ["type"] = "string", ["maxLength"] = RequestParameters.MaxReasonLength });

    public static ApiParameter Header(string name, string description) =>
        new(name, "header", false, description, new JsonObject { ["type"] = "string" });

    /// <summary>The schema of one id (<see cref="EntityId"/>).</summary>
    public static JsonObject IdSchema() => new()
    {
        ["type"] = "string",
        ["minLength"] = EntityId.MinLength,
        ["maxLength"] = EntityId.MaxLength,
    };

    /// <summary>The schema of a count, in the query or in a body.</summary>
    public static JsonObject CountSchema(ServingOptions serving) => new()
    {
        ["type"] = "integer",
        ["minimum"] = 1,
        ["maximum"] = serving.MaxCount,
        ["default"] = serving.DefaultCount,
    };

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["in"] = In,
            ["required"] = Required,
            ["description"] = Description,
            ["schema"] = Schema.DeepClone(),
        };
        if (Explode is { } explode)
        {
            json["style"] = "form";
            json["explode"] = explode;
        }

        return json;
    }
}
