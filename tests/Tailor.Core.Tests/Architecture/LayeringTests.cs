using System.Text.RegularExpressions;
using Tailor.Interactions;
using Tailor.Testing;

namespace Tailor.Tests.Architecture;

public sealed partial class LayeringTests
{
    private static readonly string s_core = Path.Combine(RepositoryRoot.Find(), "core");

    private static readonly HashSet<string> s_folders = new(CoreLayers.MayUse.Keys, StringComparer.Ordinal);

    private static CoreDependencyScanner Scanner() => new(s_folders, typeof(InteractionMatrix).Assembly);

    private static IEnumerable<(string Path, string Folder)> CoreSources() =>
        from path in Directory.EnumerateFiles(s_core, "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(s_core, path).Replace('\\', '/')
        where !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal)
        select (relative, relative.Split('/')[0]);

    [Fact]
    public void Every_core_folder_has_a_row_in_the_layering_table()
    {
        var onDisk = Directory.EnumerateDirectories(s_core)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(s_folders.Order(StringComparer.Ordinal), onDisk);
    }

    [Fact]
    public void Layering_table_names_only_core_folders_and_has_no_cycle()
    {
        foreach (var (folder, uses) in CoreLayers.MayUse)
        {
            Assert.All(uses, used => Assert.True(s_folders.Contains(used) && used != folder, $"{folder} may use '{used}', which is not another core folder."));
        }

        // Kahn: repeatedly remove folders whose allowed dependencies are all removed; a cycle leaves some behind.
        var left = new HashSet<string>(s_folders, StringComparer.Ordinal);
        while (left.RemoveWhere(f => !CoreLayers.MayUse[f].Any(left.Contains)) > 0)
        {
        }

        Assert.True(left.Count == 0, "The layering table has a cycle among: " + string.Join(", ", left.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_core_file_declares_the_namespace_of_its_folder()
    {
        var wrong = new List<string>();
        foreach (var (path, folder) in CoreSources())
        {
            if (folder.EndsWith(".cs", StringComparison.Ordinal))
            {
                wrong.Add($"{path} lies directly in core/, outside any folder");
                continue;
            }

            var declared = NamespaceDeclaration().Match(File.ReadAllText(Path.Combine(s_core, path)));
            var ns = declared.Success ? declared.Groups["ns"].Value : "(none)";
            if (ns != "Tailor." + folder && !ns.StartsWith("Tailor." + folder + ".", StringComparison.Ordinal))
            {
                wrong.Add($"{path} declares namespace {ns}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Core_folders_use_only_the_folders_the_layering_table_allows()
    {
        var scanner = Scanner();
        var violations = new List<string>();
        foreach (var (path, folder) in CoreSources())
        {
            if (!CoreLayers.MayUse.TryGetValue(folder, out var allowed))
            {
                continue; // reported by Every_core_folder_has_a_row_in_the_layering_table
            }

            foreach (var used in scanner.FoldersUsedBy(File.ReadAllText(Path.Combine(s_core, path)), folder).Order(StringComparer.Ordinal))
            {
                if (!allowed.Contains(used))
                {
                    violations.Add($"core/{path} uses Tailor.{used}; {folder} may use only: {string.Join(", ", allowed)}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [InlineData("using Tailor.Serving;", "Serving")]
    [InlineData("using static Tailor.Serving.ItemRanking;", "Serving")]
    [InlineData("using Cache = Tailor.Serving.ModelCache;", "Serving")]
    [InlineData("var cache = default(global::Tailor.Serving.ModelCache);", "Serving")]
    [InlineData("public Foo(Serving.ModelCache cache) { }", "Serving")]
    [InlineData("/// <see cref=\"Training.Ials.IalsRecommender\"/>", "Training")]
    [InlineData("await storage.Profiles.CreateIfNotExistsAsync();", null)]
    [InlineData("var meter = new Meter(\"Tailor.Serving\");", null)]
    [InlineData("using Tailor.Snapshot;", null)]
    public void Scanner_finds_every_form_of_reference_and_ignores_look_alikes(string line, string? expected)
    {
        var used = Scanner().FoldersUsedBy(line, ownFolder: "Snapshot");

        Assert.Equal(expected is null ? [] : [expected], used.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^namespace (?<ns>[\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
