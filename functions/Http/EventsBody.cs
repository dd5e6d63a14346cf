using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tailor.Ingestion;

namespace Tailor.Functions.Http;

/// <summary>Reads the body of <c>POST events</c> within its limits (<see cref="EventApiWriter.MaxBodyBytes"/>,
/// <see cref="EventApiWriter.MaxEvents"/>); a body that cannot be used at all is a problem naming the field.</summary>
internal readonly record struct EventsBody(IReadOnlyList<ApiEvent> Events, JsonResponse<ProblemDocument>? Problem)
{
    private const string Shape = "{\"events\": [{\"userId\", \"itemId\", \"eventType\", \"value\", \"timestamp\", \"eventId\", \"recommendationId\"}, ...]}";

    public static async Task<EventsBody> ReadAsync(HttpRequest req, CancellationToken cancellationToken)
    {
        if (req.ContentLength > EventApiWriter.MaxBodyBytes)
        {
            return Fail("body", TooLarge(req.ContentLength.Value));
        }

        // Bounded: at most one byte more than the limit is read, whatever the request claims.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > EventApiWriter.MaxBodyBytes)
            {
                return Fail("body", TooLarge(buffer.Length));
            }
        }

        EventsRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), HttpJsonContext.Default.EventsRequest);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Fail(field, $"is not valid: expected {Shape} ({e.Message})");
        }

        if (request is null)
        {
            return Fail("body", $"must be a JSON object {Shape}");
        }

        if (request.Events is null)
        {
            return Fail("events", "is required: a JSON array of events");
        }

        if (request.Events.Count > EventApiWriter.MaxEvents)
        {
            return Fail("events", $"may hold at most {EventApiWriter.MaxEvents} events, has {request.Events.Count}");
        }

        var events = new ApiEvent[request.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            if (request.Events[i] is not { } e)
            {
                return Fail($"events[{i}]", "must be a JSON object");
            }

            events[i] = new ApiEvent(e.UserId, e.ItemId, e.EventType, Text(e.Value), Text(e.Timestamp), e.EventId, e.RecommendationId);
        }

        return new EventsBody(events, null);
    }

    /// <summary>A string's value or a number's digits; other JSON kinds keep their raw text, which the file
    /// rules then reject naming the field.</summary>
    private static string? Text(JsonElement? element) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { } e => e.GetRawText(),
    };

    private static string TooLarge(long bytes) => $"may be at most {EventApiWriter.MaxBodyBytes} bytes, is {bytes}";

    private static EventsBody Fail(string field, string rule) => new([], Tailor.Functions.Http.Problem.InvalidParameter(field, rule));
}
