using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Catalog;
using Tailor.Cli.Hosting;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor catalog upload FILE...</c> and <c>tailor catalog ingest [BLOB...]</c>: the item catalog's
/// counterparts of <c>tailor upload</c> and <c>tailor ingest</c>, on the catalog container.</summary>
public static class CatalogCommand
{
    public static Command Create() => new("catalog", "Upload and ingest item catalog files") { UploadCommand.Create("upload", "catalog files", "catalog container", storage => storage.Catalog), CreateIngest() };

    private static Command CreateIngest()
    {
        var blobs = new Argument<string[]>("blobs") { Arity = ArgumentArity.ZeroOrMore, Description = "Blob names in the catalog container (default: all)" };
        var connection = CommonOptions.Connection();
        var command = new Command("ingest", "Ingest uploaded catalog blobs as the blob trigger would") { blobs, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var storage = services.GetRequiredService<TailorStorage>();
            await storage.EnsureCreatedAsync(cancellationToken);
            var names = parse.GetValue(blobs) is { Length: > 0 } given ? given : await IngestCommand.ListAsync(storage.Catalog, cancellationToken);
            var failed = 0;
            foreach (var outcome in await IngestCommand.IngestAsync(services.GetRequiredService<CatalogBatchIngestor>(), names, cancellationToken))
            {
                IngestCommand.Print(outcome);
                failed += outcome.Status is BatchStatus.Rejected or BatchStatus.Failed ? 1 : 0;
            }

            await services.GetRequiredService<CatalogSnapshot>().PublishCurrentAsync(cancellationToken);

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Streams each file into the catalog container (under <paramref name="folder"/>); returns the blob names.</summary>
    public static Task<IReadOnlyList<string>> UploadAsync(TailorStorage storage, IEnumerable<FileInfo> files, string? folder, CancellationToken cancellationToken) =>
        UploadCommand.UploadAsync(storage.Catalog, files, folder, cancellationToken);
}
