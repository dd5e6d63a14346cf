using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>The OpenAPI 3.1 description of the HTTP API (paths relative to the <c>/api</c> server), built from
/// the function classes' bindings (<see cref="HttpFunctionBinding"/>), the route table (<see cref="ApiOperations"/>)
/// and the JSON schemas of the request and response records (<see cref="OpenApiSchemas"/>).</summary>
public static partial class OpenApiDocument
{
    public const string Version = "3.1.0";

    public static JsonObject Create(ServingOptions serving)
    {
        var schemas = new OpenApiSchemas(ApiOperations.PropertyRules(serving));
        var operations = ApiOperations.All(serving).ToDictionary(o => o.FunctionName, StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var binding in HttpFunctionBinding.All)
        {
            if (!operations.Remove(binding.Name, out var operation))
            {
                throw new InvalidOperationException($"HTTP function '{binding.Name}' ({binding.Route}) has no entry in {nameof(ApiOperations)}.");
            }

            // A catch-all placeholder ({*path}) is written as a plain path parameter, which is what OpenAPI knows.
            var route = "/" + binding.Route.Replace("{*", "{", StringComparison.Ordinal);
            var path = paths[route] as JsonObject ?? new JsonObject();
            paths[route] = path;
            foreach (var method in binding.Methods)
            {
                path[method] = Operation(binding, operation, schemas);
            }
        }

        if (operations.Count > 0)
        {
            throw new InvalidOperationException($"{nameof(ApiOperations)} describes functions that do not exist: {string.Join(", ", operations.Keys)}.");
        }

        return new JsonObject
        {
            ["openapi"] = Version,
            ["info"] = new JsonObject
            {
                ["title"] = "Tailor recommendations API",
                ["version"] = "1.0",
                ["description"] = "Personalised recommendations served from the promoted model. Errors are RFC 9457 problem details.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
            ["security"] = new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                    ["adminKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key", ["description"] = "The host's master (admin) key." },
                },
                ["schemas"] = schemas.ToJson(),
            },
        };
    }

    private static JsonObject Operation(HttpFunctionBinding binding, ApiOperation operation, OpenApiSchemas schemas)
    {
        foreach (Match match in RouteParameter().Matches(binding.Route))
        {
            var name = match.Groups[1].Value;
            if (!operation.Parameters.Any(p => p.In == "path" && p.Name == name))
            {
                throw new InvalidOperationException($"{binding.Name}: route parameter '{name}' of '{binding.Route}' has no description in {nameof(ApiOperations)}.");
            }
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            responses[response.Status.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = response.Description,
                ["content"] = new JsonObject
                {
                    [response.ContentType] = new JsonObject
                    {
                        ["schema"] = response.Body is null ? new JsonObject { ["type"] = "object" } : schemas.Reference(response.Body),
                    },
                },
            };
        }

        var json = new JsonObject
        {
            ["operationId"] = binding.Name,
            ["summary"] = operation.Summary,
            ["parameters"] = new JsonArray([.. operation.Parameters.Select(p => p.ToJson())]),
        };
        if (operation.Body is { } body)
        {
            json["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.Request(body) } },
            };
        }

        json["responses"] = responses;
        if (binding.AuthLevel is AuthorizationLevel.Admin or AuthorizationLevel.System)
        {
            json["security"] = new JsonArray(new JsonObject { ["adminKey"] = new JsonArray() });
        }
        else if (binding.AuthLevel == AuthorizationLevel.Anonymous)
        {
            json["security"] = new JsonArray();
        }

        return json;
    }

    [GeneratedRegex(@"\{\*?([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
