using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tailor.Cli.Hosting;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor ingest [BLOB...]</c>: what the blob trigger does, for blobs already in the events container.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var blobs = new Argument<string[]>("blobs") { Arity = ArgumentArity.ZeroOrMore, Description = "Blob names in the events container (default: all)" };
        var connection = CommonOptions.Connection();
        var command = new Command("ingest", "Ingest uploaded event blobs as the blob trigger would") { blobs, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var storage = services.GetRequiredService<TailorStorage>();
            await storage.EnsureCreatedAsync(cancellationToken);
            var names = parse.GetValue(blobs) is { Length: > 0 } given ? given : await ListAsync(storage, cancellationToken);
            var failed = 0;
            foreach (var outcome in await IngestAsync(services.GetRequiredService<EventBatchIngestor>(), names, cancellationToken))
            {
                Print(outcome);
                failed += outcome.Status == BatchStatus.Rejected ? 1 : 0;
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static async Task<IReadOnlyList<BatchOutcome>> IngestAsync(EventBatchIngestor ingestor, IEnumerable<string> blobNames, CancellationToken cancellationToken)
    {
        var outcomes = new List<BatchOutcome>();
        foreach (var name in blobNames)
        {
            outcomes.Add(await ingestor.IngestAsync(name, cancellationToken));
        }

        return outcomes;
    }

    public static void Print(BatchOutcome outcome)
    {
        var status = outcome.Status switch
        {
            BatchStatus.Processed => "[green]processed[/]",
            BatchStatus.Duplicate => "[yellow]duplicate[/]",
            _ => "[red]rejected[/]",
        };
        AnsiConsole.MarkupLine($"{status} {Markup.Escape(outcome.BlobName)}: {outcome.Accepted} accepted, {outcome.Quarantined} quarantined, {outcome.DuplicateRows} duplicate rows" +
            (outcome.Reason is null ? "" : $" — {Markup.Escape(outcome.Reason)}"));
    }

    private static async Task<string[]> ListAsync(TailorStorage storage, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Events.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            names.Add(blob.Name);
        }

        return [.. names];
    }
}
