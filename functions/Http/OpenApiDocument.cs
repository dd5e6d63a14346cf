using System.Text.Json.Nodes;
using Tailor.Ingestion;

namespace Tailor.Functions.Http;

/// <summary>The hand-written OpenAPI 3.0 description of the HTTP API (paths relative to the <c>/api</c> server).</summary>
public static class OpenApiDocument
{
    private const string Json = "application/json";

    public static JsonObject Create() => new()
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject
        {
            ["title"] = "Tailor recommendations API",
            ["version"] = "1.0",
            ["description"] = "Personalised recommendations served from the promoted model. Errors are RFC 9457 problem details.",
        },
        ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
        ["security"] = new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }),
        ["paths"] = new JsonObject
        {
            ["/recommendations/{userId}"] = new JsonObject
            {
                ["get"] = Operation("GetRecommendations", "Top-N items for a user (popularity fallback for unknown users; the response says which strategy served).",
                    [PathParameter("userId", "External user id."), CountParameter()],
                    Ok("RecommendationResult"), Problems(400, 503)),
            },
            ["/recommendations"] = new JsonObject
            {
                ["post"] = WithBody(
                    Operation("RecommendForSession", "Recommendations for an anonymous session from the items it touched (unknown items ignored).",
                        [], Ok("RecommendationResult"), Problems(400, 503)),
                    "SessionRequest"),
            },
            ["/items/{itemId}/similar"] = new JsonObject
            {
                ["get"] = Operation("GetSimilarItems", "Items whose scores rise most when the given item is the whole history.",
                    [PathParameter("itemId", "External item id."), CountParameter()],
                    Ok("RecommendationResult"), Problems(400, 404, 503)),
            },
            ["/models/current"] = new JsonObject
            {
                ["get"] = Operation("GetCurrentModel", "The serving model: version, algorithm, promotion and evaluation summary.",
                    [], Ok("CurrentModelInfo"), Problems(503)),
            },
            ["/models"] = new JsonObject
            {
                ["get"] = Operation("ListModels", "Every complete model version's manifest, newest first, and the serving version.",
                    [], Ok("ModelList"), Problems()),
            },
            ["/models/{version}/promote"] = new JsonObject
            {
                ["post"] = Admin(Operation("PromoteModel", "Points serving at an existing version (rollback or roll-forward) with a conditional pointer swap. Admin key.",
                    [
                        PathParameter("version", "Model version, e.g. 20261129-041500-ab12cd."),
                        ReasonParameter(),
                        new JsonObject { ["name"] = "If-Match", ["in"] = "header", ["required"] = false, ["description"] = "Pointer ETag the caller saw.", ["schema"] = new JsonObject { ["type"] = "string" } },
                    ],
                    Ok("Promotion"), Problems(400, 404, 409))),
            },
            ["/users/{userId}/profile"] = new JsonObject
            {
                ["get"] = Operation("GetUserProfile", "The user's profile (activity counts, first and last activity, favourite items) as of the data the serving model was trained on.",
                    [PathParameter("userId", "External user id.")], Ok("UserProfile"), Problems(400, 404, 503)),
            },
            ["/users/{userId}"] = new JsonObject
            {
                ["delete"] = Admin(Accepted(Operation("ForgetUser", "Forgets a user: profiles deleted, treated as unknown by serving, left out of every later snapshot; starts or joins a training run. Admin key.",
                    [PathParameter("userId", "External user id.")], Ok("ForgetResponse"), Problems(400)))),
            },
            ["/training"] = new JsonObject
            {
                ["post"] = Admin(Accepted(Operation("StartTraining", "Starts the singleton training run, or joins the one running. Admin key.",
                    [ReasonParameter()],
                    Ok("TrainingStarted"), Problems(400)))),
            },
            ["/training/{id}"] = new JsonObject
            {
                ["get"] = Operation("GetTraining", "A training run's status and, once completed, its outcome (snapshot, candidate, evaluation, promotion).",
                    [PathParameter("id", "Training run (orchestration instance) id.")], Ok("TrainingStatus"), Problems(404)),
            },
            ["/batches"] = new JsonObject
            {
                ["get"] = Operation("ListBatches", "The state each uploaded blob ended in (processed, duplicate, rejected, failed), newest first.",
                    [
                        QueryParameter("status", "Only batches in this state.", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. BatchStatusNames.All.Select(n => (JsonNode)n)]) }),
                        QueryParameter("since", "Only batches recorded at or after this time (ISO 8601).", DateTime()),
                    ],
                    Ok("BatchList"), Problems(400)),
            },
            ["/batches/{batchId}/retry"] = new JsonObject
            {
                ["post"] = Admin(Operation("RetryBatch", "Re-ingests the blob of a failed or rejected batch. Admin key.",
                    [PathParameter("batchId", "Batch id as listed by GET batches.")], Ok("BatchRetry"), Problems(400, 404, 409))),
            },
            ["/health"] = new JsonObject
            {
                ["get"] = Anonymous(Operation("Health", "Liveness and the serving model version (null before the first promotion).",
                    [], Ok("Health"), Problems())),
            },
            ["/openapi.json"] = new JsonObject
            {
                ["get"] = Anonymous(Operation("OpenApi", "This document.", [], new JsonObject { ["description"] = "OpenAPI 3.0 document" }, Problems())),
            },
        },
        ["components"] = new JsonObject
        {
            ["securitySchemes"] = new JsonObject
            {
                ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                ["adminKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key", ["description"] = "The host's master (admin) key." },
            },
            ["schemas"] = Schemas(),
        },
    };

    private static JsonObject Operation(string id, string summary, JsonNode[] parameters, JsonObject ok, JsonObject problems)
    {
        var responses = new JsonObject { ["200"] = ok };
        foreach (var (status, problem) in problems.ToArray())
        {
            problems.Remove(status);
            responses[status] = problem;
        }

        return new JsonObject
        {
            ["operationId"] = id,
            ["summary"] = summary,
            ["parameters"] = new JsonArray(parameters),
            ["responses"] = responses,
        };
    }

    private static JsonObject WithBody(JsonObject operation, string schema)
    {
        operation["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject { [Json] = new JsonObject { ["schema"] = Ref(schema) } },
        };
        return operation;
    }

    private static JsonObject Accepted(JsonObject operation)
    {
        var responses = (JsonObject)operation["responses"]!;
        var ok = responses["200"]!;
        responses.Remove("200");
        ok["description"] = "Accepted";
        responses["202"] = ok;
        return operation;
    }

    private static JsonObject Admin(JsonObject operation)
    {
        operation["security"] = new JsonArray(new JsonObject { ["adminKey"] = new JsonArray() });
        return operation;
    }

    private static JsonObject Anonymous(JsonObject operation)
    {
        operation["security"] = new JsonArray();
        return operation;
    }

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = RequestParameters.MaxIdLength },
    };

    private static JsonObject QueryParameter(string name, string description, JsonObject schema) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["required"] = false,
        ["description"] = description,
        ["schema"] = schema,
    };

    private static JsonObject CountParameter() => new()
    {
        ["name"] = "count",
        ["in"] = "query",
        ["required"] = false,
        ["description"] = "How many items (default 10, at most Tailor:Serving:MaxCount, 100 by default).",
        ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100, ["default"] = 10 },
    };

    private static JsonObject ReasonParameter() => new()
    {
        ["name"] = "reason",
        ["in"] = "query",
        ["required"] = false,
        ["description"] = "Why, as recorded with the operation.",
        ["schema"] = new JsonObject { ["type"] = "string", ["maxLength"] = RequestParameters.MaxReasonLength },
    };

    private static JsonObject Ok(string schema) => new()
    {
        ["description"] = "OK",
        ["content"] = new JsonObject { [Json] = new JsonObject { ["schema"] = Ref(schema) } },
    };

    private static JsonObject Problems(params int[] statuses)
    {
        var responses = new JsonObject();
        foreach (var status in statuses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = status switch
                {
                    400 => "Invalid parameter (type https://tailor.dev/problems/invalid-parameter)",
                    404 => "Not found (type https://tailor.dev/problems/not-found)",
                    409 => "Conflict (type https://tailor.dev/problems/conflict)",
                    _ => "No model is serving yet (type https://tailor.dev/problems/no-model)",
                },
                ["content"] = new JsonObject { [Problem.ContentType] = new JsonObject { ["schema"] = Ref("Problem") } },
            };
        }

        return responses;
    }

    private static JsonObject Ref(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };

    private static JsonObject Schemas() => new()
    {
        ["ScoredItem"] = Object(("itemId", String()), ("score", Number())),
        ["RecommendationResult"] = Object(
            ("modelVersion", String()),
            ("strategy", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("personalized", "popular", "session", "similar") }),
            ("items", new JsonObject { ["type"] = "array", ["items"] = Ref("ScoredItem") })),
        ["SessionRequest"] = Object(
            ("items", new JsonObject { ["type"] = "array", ["maxItems"] = RequestParameters.MaxSessionItems, ["items"] = String() }),
            ("count", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100, ["default"] = 10 })),
        ["Metrics"] = Object(("precision", Number()), ("recall", Number()), ("ndcg", Number()), ("map", Number()), ("hitRate", Number()), ("mrr", Number()), ("coverage", Number()), ("users", Integer())),
        ["CurrentModelInfo"] = Object(
            ("version", String()), ("algorithm", String()), ("promotedUtc", DateTime()), ("reason", String()), ("createdUtc", DateTime()),
            ("parameters", new JsonObject { ["type"] = "object", ["additionalProperties"] = String() }),
            ("users", Integer()), ("items", Integer()), ("k", Integer()), ("metrics", Ref("Metrics"))),
        ["ModelManifest"] = Object(
            ("version", String()), ("algorithm", String()),
            ("parameters", new JsonObject { ["type"] = "object", ["additionalProperties"] = String() }),
            ("data", Object(("blobName", String()), ("users", Integer()), ("items", Integer()), ("interactions", Integer()))),
            ("timingsSeconds", new JsonObject { ["type"] = "object", ["additionalProperties"] = Number() }),
            ("createdUtc", DateTime()),
            ("trials", new JsonObject { ["type"] = "array", ["items"] = Object(("algorithm", String()), ("parameters", new JsonObject { ["type"] = "object" }), ("validationNdcg", Number()), ("seconds", Number())) }),
            ("notes", new JsonObject { ["type"] = "array", ["items"] = String() })),
        ["ModelList"] = Object(("current", String(nullable: true)), ("models", new JsonObject { ["type"] = "array", ["items"] = Ref("ModelManifest") })),
        ["UserProfile"] = Object(
            ("userId", String()), ("interactions", Integer()), ("distinctItems", Integer()), ("firstSeen", DateTime()), ("lastSeen", DateTime()),
            ("topItems", new JsonObject { ["type"] = "array", ["items"] = Object(("itemId", String()), ("weight", Number())) })),
        ["ForgetResponse"] = Object(("userId", String()), ("profilesDeleted", Integer()), ("trainingInstanceId", String())),
        ["TrainingStarted"] = Object(("instanceId", String()), ("started", new JsonObject { ["type"] = "boolean" }), ("statusUri", String())),
        ["TrainingStatus"] = Object(
            ("instanceId", String()), ("status", String()), ("createdUtc", DateTime()), ("lastUpdatedUtc", DateTime()),
            ("outcome", new JsonObject { ["type"] = "object", ["nullable"] = true, ["description"] = "Run id, snapshot counts, candidate (algorithm, parameters, trials, timings), holdout metrics and the promotion decision." }),
            ("failure", String(nullable: true))),
        ["Batch"] = Object(
            ("batchId", String()), ("blobName", String()),
            ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. BatchStatusNames.All.Select(n => (JsonNode)n)]) }),
            ("accepted", Integer()), ("quarantined", Integer()), ("duplicateRows", Integer()), ("reason", String(nullable: true)),
            ("recordedUtc", new JsonObject { ["type"] = "string", ["format"] = "date-time", ["nullable"] = true })),
        ["BatchList"] = Object(("batches", new JsonObject { ["type"] = "array", ["items"] = Ref("Batch") })),
        ["BatchRetry"] = Object(("batchId", String()), ("previousStatus", String()), ("outcome", Ref("Batch"))),
        ["Promotion"] = Object(("version", String()), ("promotedUtc", DateTime()), ("reason", String())),
        ["Health"] = Object(("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("ok", "no-model") }), ("modelVersion", String(nullable: true))),
        ["Problem"] = Object(("type", String()), ("title", String()), ("status", Integer()), ("detail", String()), ("parameter", String())),
    };

    private static JsonObject Object(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject { ["type"] = "object", ["properties"] = props };
    }

    private static JsonObject String(bool nullable = false) => nullable
        ? new JsonObject { ["type"] = "string", ["nullable"] = true }
        : new JsonObject { ["type"] = "string" };

    private static JsonObject Number() => new() { ["type"] = "number" };

    private static JsonObject Integer() => new() { ["type"] = "integer" };

    private static JsonObject DateTime() => new() { ["type"] = "string", ["format"] = "date-time" };
}
