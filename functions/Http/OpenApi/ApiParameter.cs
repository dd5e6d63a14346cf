using System.Text.Json.Nodes;
using Tailor.Events;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>A path, query or header parameter. The factories take their ranges from the constants and options
/// the validation in <see cref="RequestParameters"/> uses, so the document states the rule that is enforced.</summary>
public sealed record ApiParameter(string Name, string In, bool Required, string Description, JsonObject Schema)
{
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

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["in"] = In,
        ["required"] = Required,
        ["description"] = Description,
        ["schema"] = Schema.DeepClone(),
    };
}
