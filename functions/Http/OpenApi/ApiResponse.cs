using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Tailor.Functions.Http;

/// <summary>One documented answer of an operation: its status, and the type of its body (null when the body is
/// not described by a schema, like the OpenAPI document itself).</summary>
public sealed record ApiResponse(int Status, string Description, string ContentType, JsonTypeInfo? Body)
{
    public static ApiResponse Ok(JsonTypeInfo body) => new(StatusCodes.Status200OK, "OK", "application/json", body);

    public static ApiResponse Accepted(JsonTypeInfo body) => new(StatusCodes.Status202Accepted, "Accepted", "application/json", body);

    public static ApiResponse InvalidParameter { get; } = Problem(StatusCodes.Status400BadRequest, "Invalid parameter", Http.Problem.InvalidParameterType);

    public static ApiResponse NotFound { get; } = Problem(StatusCodes.Status404NotFound, "Not found", Http.Problem.NotFoundType);

    public static ApiResponse Conflict { get; } = Problem(StatusCodes.Status409Conflict, "Conflict", Http.Problem.ConflictType);

    public static ApiResponse NoModel { get; } = Problem(StatusCodes.Status503ServiceUnavailable, "No model is serving yet", Http.Problem.NoModelType);

    private static ApiResponse Problem(int status, string title, string type) => new(
        status, $"{title} (type {Http.Problem.TypeBase}{type})", Http.Problem.ContentType, HttpJsonContext.Default.ProblemDocument);
}
