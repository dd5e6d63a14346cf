using Tailor.Cli.Commands;
using Tailor.Retention;

namespace Tailor.Cli.Tests.Commands;

public sealed class PruneCommandTests
{
    [Fact]
    public void Prune_prints_every_deleted_folder_and_the_totals()
    {
        var output = new StringWriter();

        PruneCommand.Print(output, new PruneSummary(2, 1, 1, 3, 9, 12_345, ["snapshots/runs/a/", "snapshots/runs/b/", "models/v1/", "models/v2/"]));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("deleted models/v1/", lines[2]);
        Assert.Equal("pruned 2 runs, 1 model versions, 1 incomplete versions (3 profiles artifacts): 9 blobs, 12,345 bytes", lines[4]);
    }
}
