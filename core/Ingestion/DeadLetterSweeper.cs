using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>
/// Turns blob events Event Grid could not deliver into failed batch records. Event Grid writes each
/// dead-lettered delivery as a JSON array of events (<c>subject</c>
/// <c>/blobServices/default/containers/events/blobs/&lt;name&gt;</c>, <c>deadLetterReason</c>,
/// <c>lastDeliveryOutcome</c>) to the dead-letter container; a sweep records every event's blob as failed
/// and then deletes the dead-letter blob, so each is handled once.
/// </summary>
public sealed partial class DeadLetterSweeper(TailorStorage storage, IEnumerable<BatchIngestor> ingestors, ILogger<DeadLetterSweeper> logger)
{
    /// <summary>Records the blobs of every dead-lettered event; returns how many failed records it wrote or kept.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var recorded = 0;
        var names = new List<string>();
        try
        {
            await foreach (var item in storage.DeadLetter.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                names.Add(item.Name);
            }
        }
        catch (RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex))
        {
            return 0;
        }

        foreach (var name in names)
        {
            var blob = storage.DeadLetter.GetBlobClient(name);
            var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            JsonDocument document;
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    LogUnreadable(logger, name, ex.Message);
                    continue;
                }
            }

            using (document)
            {
                foreach (var evt in Events(document.RootElement))
                {
                    if (Subject(evt) is not ({ } ingestor, { } blobName))
                    {
                        continue;
                    }

                    var why = $"Event Grid dead-lettered the event: {Text(evt, "deadLetterReason") ?? "no reason given"}"
                        + (Text(evt, "lastDeliveryOutcome") is { } outcome ? $", last delivery {outcome}" : "");
                    await ingestor.RecordFailureAsync(blobName, "dead-lettered by Event Grid", why, cancellationToken).ConfigureAwait(false);
                    recorded++;
                }
            }

            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    private static IEnumerable<JsonElement> Events(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : root.ValueKind == JsonValueKind.Object ? [root] : [];

    /// <summary>The ingestor of the event's container and the blob name in it, from the event's subject; nulls
    /// for a container no ingestor reads.</summary>
    private (BatchIngestor? Ingestor, string? BlobName) Subject(JsonElement evt)
    {
        if (Text(evt, "subject") is not { } subject)
        {
            return (null, null);
        }

        foreach (var ingestor in ingestors)
        {
            var prefix = $"/blobServices/default/containers/{ingestor.Kind.ContainerName(storage.Options)}/blobs/";
            if (subject.StartsWith(prefix, StringComparison.Ordinal) && subject.Length > prefix.Length)
            {
                return (ingestor, subject[prefix.Length..]);
            }
        }

        return (null, null);
    }

    private static string? Text(JsonElement evt, string property) =>
        evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Dead-letter blob {Name} is not JSON and was left in place: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string name, string error);
}
