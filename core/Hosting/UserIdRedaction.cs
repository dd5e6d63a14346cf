using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Tailor.Hosting;

/// <summary>
/// Keeps user ids out of exported traces: for the routes that carry one (<c>recommendations/{userId}</c>,
/// <c>users/{userId}…</c>), URL tags and the span name record the route template instead of the value, and a request
/// span without a route gets the template as <c>http.route</c>. Runs on every span this process exports; the Functions
/// host exports nothing in Azure (it is given no connection string; see docs/architecture.md).
/// </summary>
public sealed partial class UserIdRedaction : BaseProcessor<Activity>
{
    /// <summary>The tags that can hold a request's path.</summary>
    public static IReadOnlyList<string> UrlTags { get; } = ["url.full", "url.path", "http.url", "http.target", "http.route"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string value && Redact(value) is { } redacted && redacted != value)
            {
                data.SetTag(tag, redacted);
            }
        }

        if (Redact(data.DisplayName) is { } name && name != data.DisplayName)
        {
            data.DisplayName = name;
        }

        // A request span without a route (the Functions worker's requests do not go through endpoint routing)
        // records the template that the redacted path now is.
        if (data.Kind == ActivityKind.Server && data.GetTagItem("http.route") is null && data.GetTagItem("url.path") is string path && path.Contains("{userId}", StringComparison.Ordinal))
        {
            data.SetTag("http.route", path.TrimStart('/'));
        }
    }

    /// <summary>The path or URL with the user id segment of a user route replaced by <c>{userId}</c>.</summary>
    public static string Redact(string value) => UserRoute().Replace(value, "$1{userId}");

    [GeneratedRegex("((?:^|/)(?:recommendations|users)/)(?!\\{userId\\})[^/?#\\s]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UserRoute();
}
