using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Tailor.Functions.OperatorConsole;

/// <summary>Writes one console file with its content type and ETag (304 when the browser has it), a policy that
/// allows only the console's own scripts and the API beside it, and no sniffing. Needs no MVC executors.</summary>
public sealed class ConsoleAssetResponse(ConsoleAsset asset) : IActionResult
{
    /// <summary>Scripts, styles and data only from this origin; inline styles are allowed for the chart library.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public ConsoleAsset Asset => asset;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers[HeaderNames.ETag] = asset.ETag;
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        await response.Body.WriteAsync(asset.Content, context.HttpContext.RequestAborted);
    }
}
