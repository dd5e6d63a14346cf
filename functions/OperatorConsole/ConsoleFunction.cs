using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tailor.Functions.Http;

namespace Tailor.Functions.OperatorConsole;

/// <summary><c>GET console/{*path}</c>: the operator console's static shell, anonymous (every data call the pages make
/// carries the key the operator enters). <c>console</c> without a trailing slash redirects to <c>console/</c> so the
/// pages' relative links resolve.</summary>
public sealed class ConsoleFunction
{
    public const string Route = "console";

    [Function("Console")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{*path}")] HttpRequest req, string? path)
    {
        if (string.IsNullOrEmpty(path) && !req.Path.Value!.EndsWith('/'))
        {
            return new ConsoleRedirect(req.PathBase + req.Path + "/" + req.QueryString);
        }

        return ConsoleAssets.Find(path) is { } asset
            ? new ConsoleAssetResponse(asset)
            : Problem.NotFound("path", $"The console has no file at path '{path}'.");
    }
}
