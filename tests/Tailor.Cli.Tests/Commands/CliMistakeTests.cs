using Tailor.Testing;

namespace Tailor.Cli.Tests.Commands;

/// <summary>Every mistake a user can make on the command line ends in one line on stderr that names the
/// argument, a non-zero exit code (2 for usage errors) and no stack trace. The CLI runs in-process.</summary>
public sealed class CliMistakeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tailor-cli-mistakes-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Good => WriteFile("good.csv", "user_id,item_id\nu1,i1\nu2,i2\n");

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string[] Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TailorCli.RunAsync(args, output, error);
        return (exit, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static void AssertOneLine(int expectedExit, (int Exit, string[] Errors) run, params string[] named)
    {
        Assert.Equal(expectedExit, run.Exit);
        var line = Assert.Single(run.Errors);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        foreach (var name in named)
        {
            Assert.Contains(name, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Evaluate_with_a_missing_training_file_names_the_option_and_the_file()
    {
        var missing = Path.Combine(_folder.FullName, "missing.csv");
        AssertOneLine(2, await RunAsync("evaluate", "--train", missing, "--test", Good), "--train", missing);
    }

    [Fact]
    public async Task Bench_of_cold_items_without_a_catalog_names_the_catalog_option()
    {
        AssertOneLine(2, await RunAsync("bench", "--data", Good, "--cold-items"), "--catalog");
    }

    [Fact]
    public async Task Evaluate_with_a_folder_as_test_file_names_the_option()
    {
        AssertOneLine(2, await RunAsync("evaluate", "--train", Good, "--test", _folder.FullName), "--test", "folder");
    }

    [Fact]
    public async Task Evaluate_with_an_unsupported_extension_names_the_option_and_the_extension()
    {
        var text = WriteFile("events.txt", "user_id,item_id\nu1,i1\n");
        AssertOneLine(2, await RunAsync("evaluate", "--train", text, "--test", Good), "--train", "events.txt", ".csv");
    }

    [Fact]
    public async Task Evaluate_with_k_zero_names_k()
    {
        AssertOneLine(2, await RunAsync("evaluate", "--train", Good, "--test", Good, "--k", "0"), "--k", "at least 1");
    }

    [Fact]
    public async Task Evaluate_refuses_predictions_for_a_missing_folder_before_training()
    {
        var target = Path.Combine(_folder.FullName, "no-such-folder", "predictions.csv");
        AssertOneLine(2, await RunAsync("evaluate", "--train", Good, "--test", Good, "--predictions-out", target), "--predictions-out", "no-such-folder");
    }

    [Fact]
    public async Task Evaluate_of_a_binary_file_shows_the_reason_in_printable_text()
    {
        var binary = Path.Combine(_folder.FullName, "binary.csv");
        File.WriteAllBytes(binary, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x1B, 0x07, 0x0D, 0x0A, 0x00, 0x01, 0x0A]);
        var run = await RunAsync("evaluate", "--train", binary, "--test", Good);
        AssertOneLine(1, run, "rejected");
        Assert.DoesNotContain(run.Errors[0], char.IsControl);
        Assert.Contains("\\x00", run.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_with_zero_users_names_users()
    {
        AssertOneLine(2, await RunAsync("generate", "--users", "0", "--out", Path.Combine(_folder.FullName, "e.csv")), "--users", "(got 0)");
    }

    [Fact]
    public async Task Demo_with_negative_events_names_events()
    {
        AssertOneLine(2, await RunAsync("demo", "--events", "-5"), "--events", "(got -5)");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task Recommend_with_a_count_out_of_range_names_count(string count)
    {
        AssertOneLine(2, await RunAsync("recommend", "u1", "--count", count), "--count", "between 1 and 100");
    }

    [Fact]
    public async Task Metrics_with_an_unknown_grouping_names_by()
    {
        AssertOneLine(2, await RunAsync("metrics", "--by", "colour"), "--by", "colour");
    }

    [Fact]
    public async Task An_unknown_option_is_named()
    {
        AssertOneLine(2, await RunAsync("recommend", "u1", "--colour", "red"), "--colour");
    }

    [Fact]
    public async Task A_number_that_does_not_parse_is_named()
    {
        AssertOneLine(2, await RunAsync("evaluate", "--train", Good, "--test", Good, "--k", "ten"), "--k", "ten");
    }

    [Fact]
    public async Task Upload_of_a_missing_file_names_the_file()
    {
        var missing = Path.Combine(_folder.FullName, "gone.csv");
        AssertOneLine(2, await RunAsync("upload", missing), missing);
    }

    [Fact]
    public async Task Recommend_against_unreachable_storage_says_it_cannot_reach_storage_not_that_no_model_serves()
    {
        var endpoint = $"http://127.0.0.1:{LoopbackPort.Free()}/devstoreaccount1";
        var run = await RunAsync("recommend", "u1", "--connection", DevelopmentAccount(endpoint));
        AssertOneLine(1, run, "cannot reach storage at", endpoint);
        Assert.DoesNotContain("no model", run.Errors[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Train_against_unreachable_storage_says_it_cannot_reach_storage()
    {
        var endpoint = $"http://127.0.0.1:{LoopbackPort.Free()}/devstoreaccount1";
        AssertOneLine(1, await RunAsync("train", "--connection", DevelopmentAccount(endpoint)), "cannot reach storage at", endpoint);
    }

    [Fact]
    public async Task A_connection_that_is_not_a_connection_string_names_the_option()
    {
        AssertOneLine(2, await RunAsync("ingest", "--connection", "not a connection string"), "--connection");
    }

    private static string DevelopmentAccount(string blobEndpoint) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint={blobEndpoint};";
}
