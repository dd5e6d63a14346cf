using System.Reflection;
using System.Text.Json.Nodes;
using Tailor.Feedback;
using Tailor.Functions.Privacy;
using Tailor.Ingestion;
using Tailor.Privacy;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>
/// The route table of the OpenAPI document: one <see cref="ApiOperation"/> per HTTP function, keyed by its
/// <c>[Function]</c> name. Method, route and auth level are not repeated here: they are read from the
/// function's <c>[HttpTrigger]</c>, and building the document fails when a function has no entry here (or an
/// entry no function, or a route parameter no description).
/// <para>To add a function: give it a <c>[Function("Name")]</c> with an <c>[HttpTrigger]</c>, register its
/// request and response records in <see cref="HttpJsonContext"/>, and add
/// <c>new("Name", "summary") { Parameters = [...], Body = ..., Responses = [ApiResponse.Ok(HttpJsonContext.Default.X), ApiResponse.NotFound] }</c>
/// below. Parameter factories (<see cref="ApiParameter"/>) carry the ranges the validation enforces.</para>
/// </summary>
public static class ApiOperations
{
    public static IReadOnlyList<ApiOperation> All(ServingOptions serving)
    {
        var json = HttpJsonContext.Default;
        return
        [
            new("GetRecommendations", "Top-N items for a user (trending or popularity fallback for unknown users; the response says which strategy served).")
            {
                Parameters = [ApiParameter.Id("userId", "External user id."), ApiParameter.Count(serving), .. ApiParameter.RecommendationOptions()],
                Responses = [ApiResponse.Ok(json.RecommendationResult), ApiResponse.InvalidParameter, ApiResponse.NoModel],
            },
            new("RecommendForSession", "Recommendations for an anonymous session from the items it touched (unknown items ignored).")
            {
                Body = json.SessionRequest,
                Responses = [ApiResponse.Ok(json.RecommendationResult), ApiResponse.InvalidParameter, ApiResponse.NoModel],
            },
            new("GetSimilarItems", "Items whose scores rise most when the given item is the whole history; for a catalog item the model has no interactions for, the items most like it by content (strategy content).")
            {
                Parameters = [ApiParameter.Id("itemId", "External item id."), ApiParameter.Count(serving), .. ApiParameter.RecommendationOptions()],
                Responses = [ApiResponse.Ok(json.RecommendationResult), ApiResponse.InvalidParameter, ApiResponse.NotFound, ApiResponse.NoModel],
            },
            new("GetCurrentModel", "The serving model: version, algorithm, promotion and evaluation summary.")
            {
                Responses = [ApiResponse.Ok(json.CurrentModelInfo), ApiResponse.NoModel],
            },
            new("ListModels", "Every complete model version's manifest, newest first, and the serving version.")
            {
                Responses = [ApiResponse.Ok(json.ModelListResponse)],
            },
            new("GetModelReport", "A version's evaluation report: holdout metrics against popularity and the model it would replace, and the promotion decision.")
            {
                Parameters = [ApiParameter.Path("version", "Model version, e.g. 20261129-041500-ab12cd.")],
                Responses = [ApiResponse.Ok(json.EvaluationReport), ApiResponse.InvalidParameter, ApiResponse.NotFound],
            },
            new("PromoteModel", "Points serving at an existing version (rollback or roll-forward) with a conditional pointer swap. Admin key.")
            {
                Parameters =
                [
                    ApiParameter.Path("version", "Model version, e.g. 20261129-041500-ab12cd."),
                    ApiParameter.Reason(),
                    ApiParameter.Header("If-Match", "Pointer ETag the caller saw."),
                ],
                Responses = [ApiResponse.Ok(json.PromotionResponse), ApiResponse.InvalidParameter, ApiResponse.NotFound, ApiResponse.Conflict],
            },
            new("GetUserProfile", "The user's profile (activity by event type, tenure, recency, activity frequency, hour-of-day and weekday activity, category affinity and entropy, mean rating, favourite items) and segment, as of the data the serving model was trained on.")
            {
                Parameters = [ApiParameter.Id("userId", "External user id.")],
                Responses = [ApiResponse.Ok(json.UserProfile), ApiResponse.InvalidParameter, ApiResponse.NotFound, ApiResponse.NoModel],
            },
            new("ListSegments", "The user segments of the serving model's run (ML.NET KMeans, k chosen by the Davies-Bouldin index): size, share, activity, top categories, label and leading items of each.")
            {
                Responses = [ApiResponse.Ok(json.SegmentListResponse), ApiResponse.NotFound, ApiResponse.NoModel],
            },
            new("GetSegment", "One segment with its popular items (most members first; unavailable items left out).")
            {
                Parameters = [ApiParameter.Id("segmentId", "Segment id, e.g. s1."), ApiParameter.Count(serving)],
                Responses = [ApiResponse.Ok(json.SegmentResponse), ApiResponse.InvalidParameter, ApiResponse.NotFound, ApiResponse.NoModel],
            },
            new("ForgetUser", "Forgets a user: treated as unknown by serving (profile and recommendations) at once, left out of every later snapshot and profiles artifact; starts or joins a training run; erased from every stored place within Tailor:Privacy:ErasureMinutes (see GET users/{userId}/erasure). Admin key.")
            {
                Parameters = [ApiParameter.Id("userId", "External user id.")],
                Responses = [ApiResponse.Accepted(json.ForgetResponse), ApiResponse.InvalidParameter],
            },
            new("GetUserErasure", "Where a forgotten user's erasure stands: pending, data-erased or done, its deadline, when each step finished and what was removed by place. Admin key.")
            {
                Parameters = [ApiParameter.Id("userId", "External user id.")],
                Responses = [ApiResponse.Ok(json.ErasureStatus), ApiResponse.InvalidParameter, ApiResponse.NotFound],
            },
            new("ListErasures", $"The erasures in a state, oldest first (at most {ErasureListFunctions.MaxListed} listed): how many, since when the oldest waits, how many are past Tailor:Privacy:ErasureMinutes; user ids as stored (pseudonyms when pseudonymization is on). Admin key.")
            {
                Parameters =
                [
                    new ApiParameter("state", "query", false, $"Only erasures in this state (default open: pending or data-erased): {string.Join(", ", ErasureStates.Filters)}.",
                        new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. ErasureStates.Filters.Select(f => JsonValue.Create(f))]) }),
                ],
                Responses = [ApiResponse.Ok(json.ErasureListResponse), ApiResponse.InvalidParameter],
            },
            new("GetUserData", "Everything Tailor holds about a user (right of access): the served profile and the stored events (at most 10,000, oldest first). 404 once the user was forgotten or erased. Admin key.")
            {
                Parameters = [ApiParameter.Id("userId", "External user id.")],
                Responses = [ApiResponse.Ok(json.UserDataResponse), ApiResponse.InvalidParameter, ApiResponse.NotFound],
            },
            new("StartTraining", "Starts the singleton training run, or joins the one running. Admin key.")
            {
                Parameters = [ApiParameter.Reason()],
                Responses = [ApiResponse.Accepted(json.TrainingStarted), ApiResponse.InvalidParameter],
            },
            new("GetTraining", "A training run's status and, once completed, its outcome (snapshot, candidate, evaluation, promotion).")
            {
                Parameters = [ApiParameter.Path("id", "Training run (orchestration instance) id.")],
                Responses = [ApiResponse.Ok(json.TrainingStatus), ApiResponse.NotFound],
            },
            new("ListBatches", "The state each uploaded blob ended in (processed, duplicate, rejected, failed), newest first.")
            {
                Parameters =
                [
                    new ApiParameter("status", "query", false, $"Only batches in this state: {string.Join(", ", BatchStatusNames.All)}.", BatchStatusSchema()),
                    new ApiParameter("since", "query", false, "Only batches recorded at or after this time (ISO 8601).",
                        new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
                ],
                Responses = [ApiResponse.Ok(json.BatchListResponse), ApiResponse.InvalidParameter],
            },
            new("RetryBatch", "Re-ingests the blob of a failed or rejected batch. Admin key.")
            {
                Parameters = [ApiParameter.Id("batchId", "Batch id as listed by GET batches.")],
                Responses = [ApiResponse.Ok(json.BatchRetryResponse), ApiResponse.InvalidParameter, ApiResponse.NotFound, ApiResponse.Conflict],
            },
            new("GetQuarantineSample", "The first rows a batch quarantined, each with its line number, the reason naming the field, and the raw text. Admin key.")
            {
                Parameters =
                [
                    ApiParameter.Id("batchId", "Batch id as listed by GET batches."),
                    new ApiParameter("count", "query", false, $"How many rows (default {QuarantineSampleResponse.DefaultCount}).",
                        new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = QuarantineSample.MaxRows }),
                ],
                Responses = [ApiResponse.Ok(json.QuarantineSampleResponse), ApiResponse.InvalidParameter, ApiResponse.NotFound],
            },
            new("PostEvents", "Fresh events (at most 1,000 and 1 MB per call), validated like file rows; the accepted ones are written as one batch that ingestion picks up. A retried call counts once.")
            {
                Body = json.EventsRequest,
                Responses = [ApiResponse.Accepted(json.EventsResponse), ApiResponse.InvalidParameter],
            },
            new("Health", "Liveness and the serving model version (null before the first promotion).")
            {
                Responses = [ApiResponse.Ok(json.HealthResponse)],
            },
            new("GetOnlineMetrics", "Online metrics of the lists served in [from, to): click-through, conversion, hit rate@k, coverage and value per group, and the challenger's click-through difference with a 95 % interval.")
            {
                Parameters =
                [
                    new ApiParameter("from", "query", false, "Start of the range (ISO 8601, UTC); default: a day before to.",
                        new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
                    new ApiParameter("to", "query", false, "End of the range (ISO 8601, UTC, exclusive); default: now.",
                        new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
                    new ApiParameter("by", "query", false, $"Comma-separated grouping: {string.Join(", ", OnlineGrouping.All)} (default {string.Join(",", OnlineGrouping.Default)}).",
                        new JsonObject { ["type"] = "string" }),
                ],
                Responses = [ApiResponse.Ok(json.OnlineMetricsTable), ApiResponse.InvalidParameter],
            },
            new("OpenApi", "This document.")
            {
                Responses = [new ApiResponse(200, "OpenAPI 3.1 document", "application/json", null)],
            },
            new("Console", "The operator console's static pages, scripts and styles (anonymous; the pages call this API with the key the operator enters).")
            {
                Parameters = [ApiParameter.Path("path", "A file of the console, e.g. index.html; empty for the index page.")],
                Responses = [new ApiResponse(200, "The file (HTML, CSS or JavaScript)", "text/html", null), ApiResponse.NotFound],
            },
        ];
    }

    /// <summary>Rules of single body properties that the types alone do not say, each from the constant the
    /// code uses: (declaring type, JSON property name, what to add to its schema).</summary>
    public static IReadOnlyList<(Type Type, string Property, Action<JsonObject> Refine)> PropertyRules(ServingOptions serving) =>
    [
        (typeof(SessionRequest), "items", s =>
        {
            s["maxItems"] = RequestParameters.MaxSessionItems;
            s["items"] = ApiParameter.IdSchema();
        }),
        (typeof(SessionRequest), "count", s => Nullable(s, ApiParameter.CountSchema(serving))),
        (typeof(SessionRequest), "offset", s => Nullable(s, ApiParameter.OffsetSchema())),
        (typeof(SessionRequest), "category", s => Nullable(s, ApiParameter.IdArraySchema(RecommendationRequest.MaxCategories))),
        (typeof(SessionRequest), "exclude", s => Nullable(s, ApiParameter.IdArraySchema(RecommendationRequest.MaxExclude))),
        (typeof(SessionRequest), "explain", s => Nullable(s, ApiParameter.ExplainSchema())),
        (typeof(SessionRequest), "diversity", s => Nullable(s, ApiParameter.DiversitySchema())),
        (typeof(SessionRequest), "available", s => Nullable(s, ApiParameter.AvailableSchema())),
        (typeof(RecommendationResult), "strategy", s => s["enum"] = Constants(typeof(RecommendationStrategy))),
        (typeof(RecommendationResult), "variant", s => s["enum"] = Constants(typeof(Variants))),
        (typeof(EventsRequest), "events", s => s["maxItems"] = EventApiWriter.MaxEvents),
        (typeof(HealthResponse), "status", s => s["enum"] = new JsonArray(HealthResponse.Ok, HealthResponse.NoModel)),
        (typeof(BatchInfo), "status", s => s["enum"] = BatchStatusSchema()["enum"]!.DeepClone()),
    ];

    private static JsonObject BatchStatusSchema() => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. BatchStatusNames.All.Select(n => JsonValue.Create(n))]),
    };

    /// <summary>Copies a query parameter's schema onto an optional body property (which may also be null).</summary>
    private static void Nullable(JsonObject property, JsonObject schema)
    {
        foreach (var (key, value) in schema)
        {
            property[key] = key == "type" ? new JsonArray((string)value!, "null") : value!.DeepClone();
        }
    }

    private static JsonArray Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => JsonValue.Create((string)f.GetRawConstantValue()!))];
}
