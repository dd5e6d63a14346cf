using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tailor.Models;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Source-generated camelCase JSON for every HTTP request and response body.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(RecommendationResult))]
[JsonSerializable(typeof(CurrentModelInfo))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(PromotionResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(BatchListResponse))]
[JsonSerializable(typeof(BatchRetryResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;

/// <summary>Body of <c>POST recommendations</c>.</summary>
public sealed record SessionRequest(IReadOnlyList<string?>? Items, int? Count);

/// <summary>Body of <c>GET models</c>: the serving version (null before the first promotion) and every version, newest first.</summary>
public sealed record ModelListResponse(string? Current, IReadOnlyList<ModelManifest> Models);

/// <summary>Body of a successful <c>POST models/{version}/promote</c>.</summary>
public sealed record PromotionResponse(string Version, DateTimeOffset PromotedUtc, string Reason);

/// <summary>Body of <c>GET health</c>.</summary>
public sealed record HealthResponse(string Status, string? ModelVersion);
