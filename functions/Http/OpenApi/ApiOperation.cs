using System.Text.Json.Serialization.Metadata;

namespace Tailor.Functions.Http;

/// <summary>What the OpenAPI document says about one HTTP function beyond its binding: the function's
/// <c>[Function]</c> name, method, route and auth level are read from the function class itself
/// (<see cref="HttpFunctionBinding"/>); this adds the summary, parameters, request body and responses.</summary>
/// <param name="FunctionName">The <c>[Function("…")]</c> name, which is also the operation id.</param>
/// <param name="Summary">One sentence on what the operation does.</param>
public sealed record ApiOperation(string FunctionName, string Summary)
{
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>The JSON request body's type, when the operation reads one.</summary>
    public JsonTypeInfo? Body { get; init; }

    public IReadOnlyList<ApiResponse> Responses { get; init; } = [];
}
