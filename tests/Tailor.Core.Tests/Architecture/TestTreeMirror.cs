namespace Tailor.Tests.Architecture;

/// <summary>Compares the test project's folders with the code's: a folder of tests should sit at the same
/// relative path as the code it tests (tests/Tailor.Core.Tests/Training/Ials for core/Training/Ials).</summary>
internal static class TestTreeMirror
{
    /// <summary>Top-level test folders that test no single code folder, with the reason they may stay.</summary>
    public static readonly IReadOnlyDictionary<string, string> Exceptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Architecture"] = "tests about the repository's layout, not about one code folder",
    };

    private static readonly string[] s_buildOutput = ["bin", "obj"];

    /// <summary>Relative paths ('/'-separated, sorted) of the folders under <paramref name="testRoot"/> that hold
    /// C# files but have no folder of the same path under <paramref name="codeRoot"/>.</summary>
    public static IReadOnlyList<string> FoldersWithoutCode(string testRoot, string codeRoot)
    {
        var orphans = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(testRoot, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(testRoot, folder).Replace(Path.DirectorySeparatorChar, '/');
            var top = relative.Split('/')[0];
            if (s_buildOutput.Contains(top, StringComparer.Ordinal) || Exceptions.ContainsKey(top))
            {
                continue;
            }

            if (Directory.EnumerateFiles(folder, "*.cs").Any() && !Directory.Exists(Path.Combine(codeRoot, relative)))
            {
                orphans.Add(relative);
            }
        }

        orphans.Sort(StringComparer.Ordinal);
        return orphans;
    }
}
