using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Tailor.Hosting;

/// <summary>
/// Keeps user ids out of exported traces: for the routes that carry one (<c>recommendations/{userId}</c>,
/// <c>users/{userId}…</c>), URL tags and the span name record the route template instead of the value. Runs on
/// every span this process exports; the Functions host's own request spans are its own (see the README's privacy notes).
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
    }

    /// <summary>The path or URL with the user id segment of a user route replaced by <c>{userId}</c>.</summary>
    public static string Redact(string value) => UserRoute().Replace(value, "$1{userId}");

    [GeneratedRegex("((?:^|/)(?:recommendations|users)/)(?!\\{userId\\})[^/?#\\s]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UserRoute();
}
