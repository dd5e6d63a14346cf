using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json;
using Tailor.Feedback;
using Tailor.Functions.Pipeline;
using Tailor.Functions.Privacy;
using Tailor.Functions.Profiles;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Source-generated camelCase JSON for every HTTP request and response body; the OpenAPI document's
/// schemas are exported from these type infos (<see cref="OpenApiSchemas"/>), so a body type an HTTP function
/// writes belongs here.</summary>
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
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(SegmentListResponse))]
[JsonSerializable(typeof(SegmentResponse))]
[JsonSerializable(typeof(ForgetResponse))]
[JsonSerializable(typeof(ErasureStatus))]
[JsonSerializable(typeof(ErasureListResponse))]
[JsonSerializable(typeof(UserDataResponse))]
[JsonSerializable(typeof(TrainingStarted))]
[JsonSerializable(typeof(TrainingStatus))]
[JsonSerializable(typeof(TrainingOutcome))]
[JsonSerializable(typeof(BatchListResponse))]
[JsonSerializable(typeof(BatchRetryResponse))]
[JsonSerializable(typeof(QuarantineSampleResponse))]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(EventsRequest))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(OnlineMetricsTable))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;

/// <summary>Body of <c>POST recommendations</c>.</summary>
public sealed record SessionRequest(
    IReadOnlyList<string?>? Items,
    int? Count,
    int? Offset = null,
    IReadOnlyList<string?>? Category = null,
    IReadOnlyList<string?>? Exclude = null,
    bool? Explain = null,
    float? Diversity = null,
    bool? Available = null);

/// <summary>Body of <c>POST events</c>: at most 1,000 events and 1 MB.</summary>
public sealed record EventsRequest(IReadOnlyList<EventItem?>? Events);

/// <summary>One event of <c>POST events</c>; <see cref="Value"/> and <see cref="Timestamp"/> are a string or a
/// number (Unix seconds or milliseconds, or ISO 8601 text), as in event files.</summary>
public sealed record EventItem(
    string? UserId,
    string? ItemId,
    string? EventType,
    JsonElement? Value,
    JsonElement? Timestamp,
    string? EventId,
    string? RecommendationId);

/// <summary>Body of <c>202</c> from <c>POST events</c>: counts, each rejected event's index and reason, and the
/// blob (in the events container) the accepted ones were written to for ingestion (null when none was accepted).</summary>
public sealed record EventsResponse(int Accepted, int Rejected, IReadOnlyList<ApiEventRejection> Rejections, string? BlobName);

/// <summary>Body of <c>GET models</c>: the serving version (null before the first promotion) and every version, newest first.</summary>
public sealed record ModelListResponse(string? Current, IReadOnlyList<ModelManifest> Models);

/// <summary>Body of a successful <c>POST models/{version}/promote</c>.</summary>
public sealed record PromotionResponse(string Version, DateTimeOffset PromotedUtc, string Reason);

/// <summary>Body of <c>GET health</c>: <see cref="Ok"/> or <see cref="NoModel"/>, and the serving version.</summary>
public sealed record HealthResponse(string Status, string? ModelVersion)
{
    public const string Ok = "ok";
    public const string NoModel = "no-model";
}
