using Tailor.Testing;

namespace Tailor.Tests.Architecture;

public sealed class TestTreeMirrorsCodeTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "tailor-mirror-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Every_core_test_folder_matches_a_folder_under_core()
    {
        var root = RepositoryRoot.Find();
        var orphans = TestTreeMirror.FoldersWithoutCode(Path.Combine(root, "tests", "Tailor.Core.Tests"), Path.Combine(root, "core"));
        Assert.True(
            orphans.Count == 0,
            "These test folders have no code folder of the same path under core/: " + string.Join(", ", orphans)
            + ". Move the tests next to the path of the code they test, or declare the folder in TestTreeMirror.Exceptions with a reason.");
    }

    [Fact]
    public void A_test_folder_without_a_matching_code_folder_is_reported()
    {
        Write("tests/Training/Ials/IalsTrainerTests.cs");
        Write("tests/Training/Shared.cs");
        Write("tests/Ials/IalsTrainerTests.cs");
        Write("tests/Snapshots/SnapshotFileTests.cs");
        Write("tests/Architecture/LayoutTests.cs");
        Write("tests/obj/Generated.cs");
        Directory.CreateDirectory(Path.Combine(_scratch, "tests", "Empty"));
        Directory.CreateDirectory(Path.Combine(_scratch, "code", "Training", "Ials"));
        Directory.CreateDirectory(Path.Combine(_scratch, "code", "Snapshot"));

        var orphans = TestTreeMirror.FoldersWithoutCode(Path.Combine(_scratch, "tests"), Path.Combine(_scratch, "code"));

        Assert.Equal(["Ials", "Snapshots"], orphans);
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private void Write(string relativePath)
    {
        var path = Path.Combine(_scratch, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// placeholder");
    }
}
