namespace Tailor.Tests.Arm;

/// <summary>One resource of a compiled template, with every expression evaluated as far as it can be before
/// deployment (<see cref="Opaque"/> where it cannot).</summary>
/// <param name="Type">Resource type, e.g. <c>Microsoft.Web/sites</c>.</param>
/// <param name="Deployment">Path of nested deployment names that holds it, e.g. <c>/function-app</c>.</param>
/// <param name="Body">The evaluated resource: name, properties, identity, scope...</param>
/// <param name="Deployed">False when its condition is false for the parameters evaluated.</param>
public sealed record DeployedResource(string Type, string Deployment, IReadOnlyDictionary<string, object?> Body, bool Deployed)
{
    public object? Name => Body["name"];

    /// <summary>The last segment of a child resource's name (<c>account/default/events</c> gives <c>events</c>).
    /// When the parent's name is only known at deployment, it is the last literal of the name's expression.</summary>
    public string LeafName => Name switch
    {
        string s => s[(s.LastIndexOf('/') + 1)..],
        Opaque { Text: var text } when text.EndsWith("')", StringComparison.Ordinal) =>
            text[(text.LastIndexOf('\'', text.Length - 3) + 1)..^2],
        _ => throw new InvalidOperationException($"{Type}: no literal leaf in name {ArmEvaluator.Render(Name)}."),
    };

    /// <summary>Follows a path of property names (case-insensitive) from the resource's body.</summary>
    public object? At(params string[] path)
    {
        object? current = Body;
        foreach (var segment in path)
        {
            current = current is IReadOnlyDictionary<string, object?> dict && dict.TryGetValue(segment, out var next)
                ? next
                : throw new KeyNotFoundException($"{Type} {Name} has no '{string.Join('.', path)}' (missing '{segment}').");
        }

        return current;
    }

    public string String(params string[] path) => At(path) as string
        ?? throw new InvalidCastException($"{Type} {Name}: '{string.Join('.', path)}' is not a literal string but {ArmEvaluator.Render(At(path))}.");
}
