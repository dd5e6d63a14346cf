using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>
/// The events API's core: validates each event with the file rules (<see cref="EventRowValidator"/>) and writes
/// the accepted ones as one JSON Lines blob, <c>api/&lt;yyyy-MM-dd&gt;/&lt;hash&gt;.jsonl</c> in the events
/// container, which the blob trigger ingests like any upload (so training sees them).
/// </summary>
/// <remarks>A retried call counts once: the lines are written in a canonical (sorted) order and the blob is
/// named after the SHA-256 of that content, so the same events make the same blob, which is written only if
/// absent (a retry the same day changes nothing; a retry on a later day writes the same content under that
/// day's name, and ingestion records it as a duplicate of the first batch). Within one call, an
/// <c>eventId</c> that repeats an earlier one is rejected.
/// <para>With pseudonymization on, each line carries the user's pseudonym (never the raw id) and the blob is
/// marked <see cref="EventBatchIngestor.PseudonymizedMetadata"/> so ingestion does not map it again.</para>
/// <para>Once the blob is written, the accepted events (with the stored form of the user id) go to the fresh-history
/// store (<see cref="IFreshHistory"/>), so serving sees them within seconds; its ingestion adds them again, which
/// the store ignores as repeats.</para></remarks>
public sealed class EventApiWriter(
    TailorStorage storage, IOptions<EventOptions> options, UserIdPseudonymizer pseudonymizer, TimeProvider time, IFreshHistory? fresh = null)
{
    /// <summary>At most this many events per call.</summary>
    public const int MaxEvents = 1000;

    /// <summary>At most this many bytes of request body per call.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Folder of the events container the API writes under.</summary>
    public const string Prefix = "api/";

    private const string UserSource = "userId";
    private const string ItemSource = "itemId";
    private const string TypeSource = "eventType";
    private const string ValueSource = "value";
    private const string TimestampSource = "timestamp";
    private const string RecommendationSource = "recommendationId";

    public async Task<ApiEventsOutcome> WriteAsync(IReadOnlyList<ApiEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(events.Count, MaxEvents);
        var now = time.GetUtcNow();
        var validator = new EventRowValidator(options.Value, now);
        var rejections = new List<ApiEventRejection>();
        var lines = new List<string>(events.Count);
        var accepted = new List<InteractionEvent>(events.Count);
        var eventIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (Check(validator, events[i], i, eventIds, out var valid) is { } reason)
            {
                rejections.Add(new ApiEventRejection(i, reason));
            }
            else
            {
                lines.Add(Line(events[i], pseudonymizer));
                accepted.Add(valid with { UserId = pseudonymizer.Apply(valid.UserId) });
            }
        }

        if (lines.Count == 0)
        {
            return new ApiEventsOutcome(0, rejections, null);
        }

        lines.Sort(StringComparer.Ordinal);
        var content = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var name = $"{Prefix}{now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Convert.ToHexStringLower(SHA256.HashData(content))}.jsonl";
        try
        {
            await storage.Events.GetBlobClient(name).UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = pseudonymizer.IsOn ? new Dictionary<string, string> { [EventBatchIngestor.PseudonymizedMetadata] = "true" } : null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The same events were written already (a retried call): the blob is what this call would write.
        }

        if (fresh is not null)
        {
            await fresh.AddAsync(accepted, cancellationToken).ConfigureAwait(false);
        }

        return new ApiEventsOutcome(lines.Count, rejections, name);
    }

    private static string? Check(EventRowValidator validator, ApiEvent e, int index, Dictionary<string, int> eventIds, out InteractionEvent valid)
    {
        var row = new RawEventRow
        {
            User = e.UserId,
            Item = e.ItemId,
            Type = e.EventType,
            Value = e.Value,
            Timestamp = e.Timestamp,
            Recommendation = e.RecommendationId,
            UserSource = e.UserId is null ? null : UserSource,
            ItemSource = e.ItemId is null ? null : ItemSource,
            TypeSource = e.EventType is null ? null : TypeSource,
            ValueSource = e.Value is null ? null : ValueSource,
            TimestampSource = e.Timestamp is null ? null : TimestampSource,
            RecommendationSource = e.RecommendationId is null ? null : RecommendationSource,
        };
        if (!validator.TryValidate(row, out valid, out var reason))
        {
            return reason;
        }

        if (e.EventId is not null && !EntityId.IsValid(e.EventId))
        {
            return $"eventId must be {EntityId.Rule}";
        }

        if (e.EventId is { } id && !eventIds.TryAdd(id, index))
        {
            return $"eventId '{id}' repeats the eventId of event {eventIds[id]}";
        }

        return null;
    }

    /// <summary>The event as a JSON Lines row the file reader understands; absent fields stay absent, so the
    /// line validates at ingestion exactly as it did here.</summary>
    private static string Line(ApiEvent e, UserIdPseudonymizer pseudonymizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Write(writer, "user_id", e.UserId is null ? null : pseudonymizer.Apply(e.UserId.Trim(' ')));
            Write(writer, "item_id", e.ItemId);
            Write(writer, "event_type", e.EventType);
            Write(writer, "value", e.Value);
            Write(writer, "timestamp", e.Timestamp);
            Write(writer, "event_id", e.EventId);
            Write(writer, "recommendation_id", e.RecommendationId);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
