using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Tailor.Functions.Http;

/// <summary>An RFC 9457 problem details body; <see cref="Parameter"/> names the offending input when there is one.</summary>
public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter = null);

/// <summary>Every error the API returns, as <c>application/problem+json</c> with a stable <c>type</c> URI.
/// Details name the parameter and the rule; never an exception's stack.</summary>
public static class Problem
{
    public const string ContentType = "application/problem+json";
    public const string TypeBase = "https://tailor.dev/problems/";
    public const string InvalidParameterType = "invalid-parameter";
    public const string NotFoundType = "not-found";
    public const string ConflictType = "conflict";
    public const string NoModelType = "no-model";
    public const string UnauthorizedType = "unauthorized";

    public static JsonResponse<ProblemDocument> InvalidParameter(string parameter, string rule) => Create(
        StatusCodes.Status400BadRequest, InvalidParameterType, "Invalid parameter", $"'{parameter}' {rule}.", parameter);

    public static JsonResponse<ProblemDocument> NotFound(string parameter, string detail) => Create(
        StatusCodes.Status404NotFound, NotFoundType, "Not found", detail, parameter);

    public static JsonResponse<ProblemDocument> Conflict(string detail) => Create(
        StatusCodes.Status409Conflict, ConflictType, "Conflict", detail);

    public static JsonResponse<ProblemDocument> NoModel() => Create(
        StatusCodes.Status503ServiceUnavailable, NoModelType, "No model is serving",
        "No model has been promoted yet (or the promoted one could not be loaded); recommendations are available once training promotes one.");

    public static JsonResponse<ProblemDocument> Unauthorized(string detail) => Create(
        StatusCodes.Status401Unauthorized, UnauthorizedType, "Unauthorized", detail);

    private static JsonResponse<ProblemDocument> Create(int status, string type, string title, string detail, string? parameter = null) =>
        new(new ProblemDocument(TypeBase + type, title, status, detail, parameter), HttpJsonContext.Default.ProblemDocument, status, ContentType);
}
