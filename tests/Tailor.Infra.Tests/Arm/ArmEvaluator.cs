using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Tests.Arm;

/// <summary>Evaluates the part of the ARM template language that compiled Bicep uses for names and settings
/// (parameters, variables, format, concat, copyIndex, if, map...). Values that only exist at deployment time
/// (reference, listKeys, resourceId, uniqueString...) become <see cref="Opaque"/> values carrying the
/// canonical text of their expression. Values: string, long, bool, null, lists, case-insensitive dictionaries.</summary>
public static partial class ArmEvaluator
{
    public static object? EvaluateNode(JsonNode? node, ArmContext context) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => PropertyName(p.Key, context), p => EvaluateNode(p.Value, context), StringComparer.OrdinalIgnoreCase),
        JsonArray array => array.Select(item => EvaluateNode(item, context)).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => EvaluateString(value.GetValue<string>(), context),
            JsonValueKind.Number => long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                ? (object)integer
                : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    /// <summary>Property names can be expressions too (e.g. a user-assigned identity's resource ID); one only
    /// known at deployment is named by its canonical text.</summary>
    private static string PropertyName(string key, ArmContext context) => EvaluateString(key, context) switch
    {
        string name => name,
        var value => Render(value),
    };

    /// <summary>A template string: an expression when it is <c>[...]</c>, a literal otherwise (<c>[[</c> escapes).</summary>
    public static object? EvaluateString(string text, ArmContext context)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text[1..];
        }

        return text.StartsWith('[') && text.EndsWith(']')
            ? Evaluate(ArmExpressionParser.Parse(text[1..^1]), context)
            : text;
    }

    public static object? Evaluate(ArmExpression expression, ArmContext context) => expression switch
    {
        ArmLiteral literal => literal.Value,
        ArmProperty property => Property(Evaluate(property.Target, context), property.Name),
        ArmIndex index => Index(Evaluate(index.Target, context), Evaluate(index.Index, context)),
        ArmCall call => Call(call, context),
        _ => throw new NotSupportedException(expression.GetType().Name),
    };

    /// <summary>Canonical text of a value, as an ARM expression would produce it.</summary>
    public static string Render(object? value) => value switch
    {
        null => "null()",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        bool b => b ? "true()" : "false()",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Opaque opaque => opaque.Text,
        IReadOnlyList<object?> list => $"createArray({string.Join(", ", list.Select(Render))})",
        IReadOnlyDictionary<string, object?> dict =>
            $"createObject({string.Join(", ", dict.Select(p => $"{Render(p.Key)}, {Render(p.Value)}"))})",
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private static object? Property(object? target, string name) => target switch
    {
        Opaque opaque => new Opaque($"{opaque.Text}.{name}"),
        IReadOnlyDictionary<string, object?> dict => dict.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"No property '{name}' in {Render(target)}."),
        _ => throw new InvalidOperationException($"Cannot read property '{name}' of {Render(target)}."),
    };

    private static object? Index(object? target, object? index) => (target, index) switch
    {
        (Opaque, _) or (_, Opaque) => new Opaque($"{Render(target)}[{Render(index)}]"),
        (IReadOnlyList<object?> list, long i) => list[checked((int)i)],
        (IReadOnlyDictionary<string, object?> dict, string key) => Property(dict, key),
        _ => throw new InvalidOperationException($"Cannot index {Render(target)} with {Render(index)}."),
    };
}
