using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tailor.Ingestion;

/// <summary>What the Functions blob trigger writes to <c>webjobs-blobtrigger-poison</c> for a blob whose function
/// failed on every retry, e.g. <c>{"Type":"BlobTrigger","FunctionId":"Host.Functions.IngestEventsPolling",
/// "BlobType":"BlockBlob","ContainerName":"events","BlobName":"2024/06/shop.csv","ETag":"\"0x8D…\""}</c>.</summary>
public sealed record PoisonBlobMessage(string? Type, string? FunctionId, string? ContainerName, string? BlobName, string? ETag)
{
    /// <summary>The message, or null when it is not a blob trigger's poison message with a container and blob.</summary>
    public static PoisonBlobMessage? TryParse(string json)
    {
        try
        {
            var message = JsonSerializer.Deserialize(json, PoisonBlobMessageJsonContext.Default.PoisonBlobMessage);
            return message is { ContainerName.Length: > 0, BlobName.Length: > 0 } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PoisonBlobMessage))]
internal sealed partial class PoisonBlobMessageJsonContext : JsonSerializerContext;
