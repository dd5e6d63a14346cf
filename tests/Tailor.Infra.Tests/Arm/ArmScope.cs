using System.Text.Json.Nodes;

namespace Tailor.Tests.Arm;

/// <summary>One template's parameters and variables: parameter values handed in by the caller (the parent
/// deployment) or else the template's defaults, variables evaluated on first use.</summary>
public sealed class ArmScope(JsonObject template, IReadOnlyDictionary<string, object?> parameterValues)
{
    private readonly Dictionary<string, object?> _parameters = new(parameterValues, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);

    public JsonObject Template { get; } = template;

    public object? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var value))
        {
            return value;
        }

        var declaration = Section("parameters", name) as JsonObject
            ?? throw new KeyNotFoundException($"Template declares no parameter '{name}'.");
        if (!declaration.TryGetPropertyValue("defaultValue", out var defaultValue))
        {
            throw new KeyNotFoundException($"Parameter '{name}' has neither a value nor a default.");
        }

        value = ArmEvaluator.EvaluateNode(defaultValue, new ArmContext(this));
        _parameters[name] = value;
        return value;
    }

    public object? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            value = ArmEvaluator.EvaluateNode(Section("variables", name)
                ?? throw new KeyNotFoundException($"Template declares no variable '{name}'."), new ArmContext(this));
            _variables[name] = value;
        }

        return value;
    }

    private JsonNode? Section(string section, string name) =>
        Template[section] is JsonObject entries
            ? entries.FirstOrDefault(entry => string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase)).Value
            : null;
}

/// <summary>Where an expression is evaluated: its template's scope, the copy loop's index and lambda variables.</summary>
public sealed record ArmContext(ArmScope Scope, int? CopyIndex = null, IReadOnlyDictionary<string, object?>? LambdaVariables = null);
