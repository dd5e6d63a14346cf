using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Tailor.Functions.Http;

/// <summary>The <c>components/schemas</c> of the document, exported by <see cref="JsonSchemaExporter"/> from the
/// same source-generated type infos the functions serialize with. Every record becomes one named schema that
/// others reference (<c>$ref</c>); a nullable one is <c>anyOf</c> [reference, null]. Response records list as
/// <c>required</c> every property they always write; request records list none (the function validates them).</summary>
internal sealed class OpenApiSchemas(IReadOnlyList<(Type Type, string Property, Action<JsonObject> Refine)> propertyRules)
{
    public const string Prefix = "#/components/schemas/";

    private readonly SortedDictionary<string, JsonNode> _schemas = new(StringComparer.Ordinal);
    private readonly HashSet<Type> _requests = [];

    public JsonObject ToJson()
    {
        var schemas = new JsonObject();
        foreach (var (name, schema) in _schemas)
        {
            schemas[name] = schema.DeepClone();
        }

        return schemas;
    }

    /// <summary>A reference to the schema of a request body type.</summary>
    public JsonNode Request(JsonTypeInfo typeInfo)
    {
        _requests.Add(typeInfo.Type);
        return Reference(typeInfo);
    }

    /// <summary>A reference to the schema of a response body type.</summary>
    public JsonNode Reference(JsonTypeInfo typeInfo)
    {
        var root = typeInfo.GetJsonSchemaAsNode(new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        });
        return Register(typeInfo.Type, root);
    }

    public static string Name(Type type) => type == typeof(ProblemDocument) ? "ProblemDetails" : type.Name;

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (context.PropertyInfo is { } property)
        {
            foreach (var (type, name, refine) in propertyRules)
            {
                if (property.DeclaringType == type && property.Name == name)
                {
                    refine(node);
                }
            }
        }

        if (!IsRecord(context.TypeInfo))
        {
            return node;
        }

        if (_requests.Contains(context.TypeInfo.Type))
        {
            node.Remove("required"); // the exporter lists constructor parameters; a request may leave them out
        }
        else
        {
            node["required"] = new JsonArray([.. context.TypeInfo.Properties
                .Where(p => p.Get is not null && p.ShouldSerialize is null)
                .Select(p => JsonValue.Create(p.Name))]);
        }

        return context.Path.IsEmpty ? node : Register(context.TypeInfo.Type, node);
    }

    private JsonNode Register(Type type, JsonNode schema)
    {
        var nullable = false;
        if (schema is JsonObject node && node["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
        {
            nullable = true;
            node["type"] = "object";
        }

        var name = Name(type);
        _schemas.TryAdd(name, schema);
        var reference = new JsonObject { ["$ref"] = Prefix + name };
        return nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
    }

    private static bool IsRecord(JsonTypeInfo typeInfo) =>
        typeInfo.Kind == JsonTypeInfoKind.Object && typeInfo.Type != typeof(JsonObject) && typeInfo.Type.Namespace?.StartsWith("Tailor", StringComparison.Ordinal) == true;
}
