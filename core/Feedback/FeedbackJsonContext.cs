using System.Text.Json.Serialization;

namespace Tailor.Feedback;

/// <summary>Source-generated camelCase JSON of the impressions store's lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Impression))]
internal sealed partial class FeedbackJsonContext : JsonSerializerContext;
