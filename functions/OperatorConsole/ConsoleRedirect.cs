using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Tailor.Functions.OperatorConsole;

/// <summary>A 302 to <paramref name="location"/>; needs no MVC executors (tests run it on a plain context).</summary>
public sealed class ConsoleRedirect(string location) : IActionResult
{
    public string Location => location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status302Found;
        context.HttpContext.Response.Headers[HeaderNames.Location] = location;
        return Task.CompletedTask;
    }
}
