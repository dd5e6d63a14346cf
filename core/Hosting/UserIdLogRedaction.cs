using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Tailor.Hosting;

/// <summary>
/// Keeps user ids out of exported log records: the formatted message and every attribute that renders a path of a
/// user route (ASP.NET Core's request logs carry the path, for one) record <c>{userId}</c> in place of the id, as
/// <see cref="UserIdRedaction"/> does for spans. Tailor's own messages never hold a raw id (they carry
/// <c>LoggedUserId</c> digests); this covers the libraries'.
/// </summary>
public sealed class UserIdLogRedaction : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message && UserIdRedaction.Redact(message) is var redacted && redacted != message)
        {
            data.FormattedMessage = redacted;
        }

        if (data.Attributes is not { Count: > 0 } attributes)
        {
            return;
        }

        List<KeyValuePair<string, object?>>? changed = null;
        for (var i = 0; i < attributes.Count; i++)
        {
            var (key, value) = attributes[i];
            if (value is null or bool or IConvertible and not string)
            {
                continue; // numbers, dates and flags hold no path
            }

            var text = value.ToString();
            if (text is not null && UserIdRedaction.Redact(text) is var clean && clean != text)
            {
                changed ??= [.. attributes];
                changed[i] = new KeyValuePair<string, object?>(key, clean);
            }
        }

        if (changed is not null)
        {
            data.Attributes = changed;
        }
    }
}
