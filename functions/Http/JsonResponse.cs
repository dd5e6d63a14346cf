using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tailor.Functions.Http;

/// <summary>Writes a source-generated JSON body with a status code and content type; needs no MVC
/// formatters, so tests execute it against a plain <c>DefaultHttpContext</c>. As an <see cref="IResult"/> it needs
/// no <see cref="ActionContext"/> either (the local server of <c>tailor serve</c> writes it straight from the request's context).</summary>
public sealed class JsonResponse<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK, string contentType = "application/json") : IActionResult, IResult
{
    public int StatusCode => statusCode;

    public T Value => value;

    public string ContentType => contentType;

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType switch
        {
            "application/json" => JsonUtf8,
            Problem.ContentType => ProblemUtf8,
            _ => contentType + Charset,
        };

        // Straight into the response's pipe: no intermediate buffer or stream adapter.
        await JsonSerializer.SerializeAsync(response.BodyWriter, value, typeInfo, httpContext.RequestAborted);
    }

    private const string Charset = "; charset=utf-8";
    private const string JsonUtf8 = "application/json" + Charset;
    private const string ProblemUtf8 = Problem.ContentType + Charset;
}
