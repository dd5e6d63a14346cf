using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Tailor.Functions.OperatorConsole;
using Tailor.Tests.Http;

namespace Tailor.Tests.OperatorConsole;

/// <summary><c>GET console/{*path}</c>: the embedded console files with their content types, nothing outside them.</summary>
public sealed partial class ConsoleFunctionTests
{
    [Theory]
    [InlineData("", "text/html; charset=utf-8", "<title>Tailor console</title>")]
    [InlineData("index.html", "text/html; charset=utf-8", "<title>Tailor console</title>")]
    [InlineData("app.css", "text/css; charset=utf-8", "--accent")]
    [InlineData("js/app.js", "text/javascript; charset=utf-8", "import")]
    [InlineData("vendor/uplot.js", "text/javascript; charset=utf-8", "export { uPlot as default }")]
    [InlineData("vendor/uplot.css", "text/css; charset=utf-8", ".uplot")]
    public async Task A_console_file_is_served_with_its_content_type_and_a_strict_policy(string path, string contentType, string content)
    {
        var (context, body) = await RunAsync(path);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(contentType, context.Response.ContentType);
        Assert.Contains(content, body, StringComparison.Ordinal);
        Assert.Equal("nosniff", context.Response.Headers["X-Content-Type-Options"]);
        Assert.Contains("script-src 'self'", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(context.Response.Headers.ETag));
    }

    [Theory]
    [InlineData("../host.json")]
    [InlineData("js/../../host.json")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\Tailor.Functions.dll")]
    [InlineData("Tailor.Functions.dll")]
    [InlineData("js/")]
    [InlineData("missing.html")]
    public async Task A_path_outside_the_console_files_is_a_404_problem(string path)
    {
        var result = new ConsoleFunction().Run(ServingHarness.Get("/api/console/" + path), path);

        var response = await ServingHarness.RunAsync(result, "Console");

        response.AssertProblem(404, "not-found", "path");
    }

    [Fact]
    public async Task The_console_without_a_trailing_slash_redirects_to_the_folder()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/console";

        await new ConsoleFunction().Run(context.Request, null).ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        Assert.Equal(302, context.Response.StatusCode);
        Assert.Equal("/api/console/", context.Response.Headers.Location);
    }

    [Fact]
    public async Task A_file_the_browser_has_is_answered_304()
    {
        var (first, _) = await RunAsync("js/app.js");

        var (second, body) = await RunAsync("js/app.js", first.Response.Headers.ETag);

        Assert.Equal(304, second.Response.StatusCode);
        Assert.Empty(body);
    }

    /// <summary>The bundle is whole: every module a console script imports, and every file the page links, is embedded.</summary>
    [Fact]
    public void Every_module_and_file_the_console_refers_to_is_embedded()
    {
        var references = 0;
        foreach (var (name, asset) in ConsoleAssets.All)
        {
            var text = Encoding.UTF8.GetString(asset.Content);
            var pattern = name.EndsWith(".js", StringComparison.Ordinal) && !name.StartsWith("vendor/", StringComparison.Ordinal) ? ImportedModule()
                : name.EndsWith(".html", StringComparison.Ordinal) ? LinkedFile() : null;
            if (pattern is null)
            {
                continue;
            }

            foreach (Match match in pattern.Matches(text))
            {
                var target = new Uri(new Uri("https://console.test/" + name), match.Groups[1].Value).AbsolutePath.TrimStart('/');
                Assert.True(ConsoleAssets.All.ContainsKey(target), $"{name} refers to '{match.Groups[1].Value}' ({target}), which is not embedded");
                references++;
            }
        }

        Assert.True(references >= 10, $"found only {references} references: the patterns no longer match the console's sources");
    }

    private static async Task<(HttpContext Context, string Body)> RunAsync(string path, string? ifNoneMatch = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/console/" + path;
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var result = new ConsoleFunction().Run(context.Request, path);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return (context, Encoding.UTF8.GetString(body.ToArray()));
    }

    [GeneratedRegex("""(?:import|from)\s+['"](\.[^'"]+)['"]""")]
    private static partial Regex ImportedModule();

    [GeneratedRegex("(?:src|href)=\"((?!data:|#|https?:)[^\"]+)\"")]
    private static partial Regex LinkedFile();
}
