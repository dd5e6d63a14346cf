using Microsoft.Extensions.DependencyInjection;
using Tailor.Catalog;
using Tailor.Cli.Commands;
using Tailor.Cli.Hosting;
using Tailor.Ingestion;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Commands;

/// <summary><c>tailor catalog upload</c> and <c>tailor catalog ingest</c> on the catalog container.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CatalogCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tailor-cli-catalog-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Catalog_upload_puts_files_in_the_catalog_container_and_catalog_ingest_records_them_as_catalog_batches()
    {
        var file = new FileInfo(Path.Combine(_folder.FullName, "movies.csv"));
        await File.WriteAllTextAsync(file.FullName, "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Heat (1995),Action|Crime\n");
        await using var services = CliServices.Build(azurite.ConnectionString, settings: IsolatedSettings.Create());
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync();

        var names = await CatalogCommand.UploadAsync(storage, [file], "films/", CancellationToken.None);
        var outcomes = await IngestCommand.IngestAsync(services.GetRequiredService<CatalogBatchIngestor>(), names, CancellationToken.None);

        Assert.Equal(["films/movies.csv"], names);
        Assert.True(await storage.Catalog.GetBlobClient("films/movies.csv").ExistsAsync());
        Assert.False(await storage.Events.GetBlobClient("films/movies.csv").ExistsAsync());
        var outcome = Assert.Single(outcomes);
        Assert.Equal((BatchStatus.Processed, 2L, "catalog"), (outcome.Status, outcome.Accepted, outcome.Kind));
        var merged = await services.GetRequiredService<CatalogSnapshot>().MergeAsync();
        Assert.Equal(["Toy Story (1995)", "Heat (1995)"], merged.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task Catalog_upload_of_an_unsupported_file_names_the_argument_and_the_extension()
    {
        var text = Path.Combine(_folder.FullName, "catalog.txt");
        await File.WriteAllTextAsync(text, "item_id\ni1\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TailorCli.RunAsync(["catalog", "upload", text], output, error);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("files", line, StringComparison.Ordinal);
        Assert.Contains(".csv", line, StringComparison.Ordinal);
    }
}
