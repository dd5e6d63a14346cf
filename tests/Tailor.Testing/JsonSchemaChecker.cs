using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tailor.Testing;

/// <summary>
/// Checks a JSON value against a JSON Schema (2020-12 subset) inside a document whose <c>$ref</c>s are local
/// JSON pointers (<c>#/components/schemas/X</c>). It knows what System.Text.Json's schema exporter and the
/// OpenAPI builder emit: <c>type</c> (one or an array such as <c>["string","null"]</c>), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>anyOf</c>, <c>$ref</c>,
/// <c>minimum</c>/<c>maximum</c>, <c>minLength</c>/<c>maxLength</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>pattern</c>, <c>format: date-time</c>, and the annotations <c>description</c>, <c>title</c>,
/// <c>default</c>, <c>$comment</c>. Any other keyword throws <see cref="NotSupportedException"/>: a schema it
/// cannot read must not pass silently.
/// </summary>
public sealed class JsonSchemaChecker(JsonNode document)
{
    private static readonly HashSet<string> s_annotations = ["description", "title", "default", "$comment"];

    /// <summary>Every way <paramref name="instance"/> breaks <paramref name="schema"/>, each with its JSON path; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(JsonNode? schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode? schema, JsonElement instance, string path, List<string> errors)
    {
        switch (schema)
        {
            case null:
                throw new NotSupportedException($"No schema at {path}.");
            case JsonValue value when value.TryGetValue<bool>(out var allowed):
                if (!allowed)
                {
                    errors.Add($"{path}: no value is allowed here");
                }

                return;
            case not JsonObject:
                throw new NotSupportedException($"A schema must be an object or a boolean, at {path}: {schema.ToJsonString()}");
        }

        foreach (var (keyword, argument) in (JsonObject)schema)
        {
            if (s_annotations.Contains(keyword))
            {
                continue;
            }

            switch (keyword)
            {
                case "$ref":
                    Check(Resolve(argument!.GetValue<string>()), instance, path, errors);
                    break;
                case "type":
                    CheckType(argument!, instance, path, errors);
                    break;
                case "properties":
                    CheckProperties((JsonObject)argument!, instance, path, errors);
                    break;
                case "required":
                    CheckRequired((JsonArray)argument!, instance, path, errors);
                    break;
                case "additionalProperties":
                    CheckAdditional((JsonObject)schema, argument, instance, path, errors);
                    break;
                case "items":
                    CheckItems(argument, instance, path, errors);
                    break;
                case "enum":
                    if (!((JsonArray)argument!).Any(option => JsonNode.DeepEquals(option, JsonNode.Parse(instance.GetRawText()))))
                    {
                        errors.Add($"{path}: {instance.GetRawText()} is not one of {argument!.ToJsonString()}");
                    }

                    break;
                case "anyOf":
                    CheckAnyOf((JsonArray)argument!, instance, path, errors);
                    break;
                case "minimum" or "maximum":
                    CheckBound(keyword, argument!.GetValue<double>(), instance, path, errors);
                    break;
                case "minLength" or "maxLength":
                    if (instance.ValueKind == JsonValueKind.String)
                    {
                        var length = instance.GetString()!.EnumerateRunes().Count();
                        CheckCount(keyword, "length", argument!.GetValue<int>(), length, path, errors);
                    }

                    break;
                case "minItems" or "maxItems":
                    if (instance.ValueKind == JsonValueKind.Array)
                    {
                        CheckCount(keyword, "items", argument!.GetValue<int>(), instance.GetArrayLength(), path, errors);
                    }

                    break;
                case "pattern":
                    if (instance.ValueKind == JsonValueKind.String && !Regex.IsMatch(instance.GetString()!, argument!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add($"{path}: '{instance.GetString()}' does not match {argument}");
                    }

                    break;
                case "format":
                    CheckFormat(argument!.GetValue<string>(), instance, path, errors);
                    break;
                default:
                    throw new NotSupportedException($"Schema keyword '{keyword}' at {path} is not understood by {nameof(JsonSchemaChecker)}.");
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are understood, not '{reference}'.");
        }

        var node = document;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node[name] ?? throw new NotSupportedException($"Reference '{reference}' points nowhere ('{name}' is missing).");
        }

        return node;
    }

    private static void CheckType(JsonNode argument, JsonElement instance, string path, List<string> errors)
    {
        var types = argument is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToArray() : [argument.GetValue<string>()];
        if (!types.Any(type => Is(type, instance)))
        {
            errors.Add($"{path}: {instance.ValueKind} is not of type {string.Join(" or ", types)}");
        }
    }

    private static bool Is(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && decimal.TryParse(instance.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    private void CheckProperties(JsonObject properties, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in instance.EnumerateObject())
        {
            if (properties[property.Name] is { } schema)
            {
                Check(schema, property.Value, $"{path}.{property.Name}", errors);
            }
        }
    }

    private static void CheckRequired(JsonArray required, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var name in required.Select(n => n!.GetValue<string>()))
        {
            if (!instance.TryGetProperty(name, out _))
            {
                errors.Add($"{path}: required property '{name}' is missing");
            }
        }
    }

    private void CheckAdditional(JsonObject schema, JsonNode? argument, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var declared = schema["properties"] as JsonObject;
        foreach (var property in instance.EnumerateObject())
        {
            if (declared?.ContainsKey(property.Name) != true)
            {
                Check(argument, property.Value, $"{path}.{property.Name}", errors);
            }
        }
    }

    private void CheckItems(JsonNode? items, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            Check(items, item, $"{path}[{index++}]", errors);
        }
    }

    private void CheckAnyOf(JsonArray options, JsonElement instance, string path, List<string> errors)
    {
        var failures = new List<string>();
        foreach (var option in options)
        {
            var attempt = new List<string>();
            Check(option, instance, path, attempt);
            if (attempt.Count == 0)
            {
                return;
            }

            failures.AddRange(attempt);
        }

        errors.Add($"{path}: matches none of anyOf ({string.Join("; ", failures)})");
    }

    private static void CheckBound(string keyword, double bound, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        var value = instance.GetDouble();
        if (keyword == "minimum" ? value < bound : value > bound)
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} breaks {keyword} {bound.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void CheckCount(string keyword, string what, int bound, int count, string path, List<string> errors)
    {
        if (keyword.StartsWith("min", StringComparison.Ordinal) ? count < bound : count > bound)
        {
            errors.Add($"{path}: {what} {count} breaks {keyword} {bound}");
        }
    }

    private static void CheckFormat(string format, JsonElement instance, string path, List<string> errors)
    {
        if (format != "date-time")
        {
            throw new NotSupportedException($"Format '{format}' at {path} is not understood by {nameof(JsonSchemaChecker)}.");
        }

        if (instance.ValueKind == JsonValueKind.String && !DateTimeOffset.TryParse(instance.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{path}: '{instance.GetString()}' is not a date-time");
        }
    }
}
