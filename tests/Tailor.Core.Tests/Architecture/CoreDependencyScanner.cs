using System.Reflection;
using System.Text.RegularExpressions;

namespace Tailor.Tests.Architecture;

/// <summary>
/// Finds which core folders a C# source uses, without Roslyn: <c>using Tailor.X</c> (plain, static or alias),
/// fully qualified <c>Tailor.X.</c> references (also after <c>global::</c> and in crefs), and references relative
/// to the <c>Tailor</c> namespace such as <c>Serving.ModelCache</c>, counted only when the part after the dot is a
/// type or sub-namespace that <c>Tailor.X</c> really has (so a property like <c>storage.Profiles.X</c> is no match).
/// String literals outside doc comments are ignored (meter names such as <c>"Tailor.Serving"</c> are not dependencies;
/// a <c>cref</c> is).
/// </summary>
internal sealed partial class CoreDependencyScanner
{
    private readonly IReadOnlySet<string> _folders;
    private readonly IReadOnlyDictionary<string, HashSet<string>> _members;

    public CoreDependencyScanner(IReadOnlySet<string> folders, Assembly core)
    {
        _folders = folders;
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in core.GetTypes())
        {
            if (type.Namespace is not { } ns || !ns.StartsWith("Tailor.", StringComparison.Ordinal))
            {
                continue;
            }

            // Tailor.Training.Ials.IalsRecommender makes "Ials" a member of Training; Tailor.Serving.ModelCache makes "ModelCache" one of Serving.
            var parts = ns.Split('.');
            var set = members.TryGetValue(parts[1], out var found) ? found : members[parts[1]] = new HashSet<string>(StringComparer.Ordinal);
            set.Add(parts.Length > 2 ? parts[2] : StripArity(type.Name));
        }

        _members = members;
    }

    /// <summary>The core folders <paramref name="source"/> refers to, other than <paramref name="ownFolder"/>.</summary>
    public IReadOnlySet<string> FoldersUsedBy(string source, string ownFolder)
    {
        var code = string.Join('\n', source.Split('\n').Select(line => line.TrimStart().StartsWith("///", StringComparison.Ordinal) ? line : StringLiteral().Replace(line, "\"\"")));
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Qualified().Matches(code))
        {
            used.Add(m.Groups["folder"].Value);
        }

        foreach (Match m in Relative().Matches(code))
        {
            var folder = m.Groups["folder"].Value;
            if (_folders.Contains(folder) && _members.TryGetValue(folder, out var members) && members.Contains(m.Groups["member"].Value))
            {
                used.Add(folder);
            }
        }

        used.Remove(ownFolder);
        return used;
    }

    private static string StripArity(string name) => name.IndexOf('`', StringComparison.Ordinal) is var at and >= 0 ? name[..at] : name;

    [GeneratedRegex(@"@?""(?:[^""\\\n]|\\.|"""")*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w])Tailor\.(?<folder>[A-Z]\w*)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w*)\.(?<member>[A-Z]\w*)")]
    private static partial Regex Relative();
}
