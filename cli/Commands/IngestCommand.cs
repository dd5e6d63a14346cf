using System.CommandLine;
using Azure.Storage.Blobs;
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
        var retry = new Option<string?>("--retry") { Description = "Re-ingest the blob of this failed or rejected batch (an id from GET batches)" };
        var command = new Command("ingest", "Ingest uploaded event blobs as the blob trigger would") { blobs, connection, retry };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var storage = services.GetRequiredService<TailorStorage>();
            await storage.EnsureCreatedAsync(cancellationToken);
            if (parse.GetValue(retry) is { Length: > 0 } batchId)
            {
                return await RetryAsync(services.GetRequiredService<BatchRetry>(), batchId, cancellationToken);
            }

            var names = parse.GetValue(blobs) is { Length: > 0 } given ? given : await ListAsync(storage.Events, cancellationToken);
            var failed = 0;
            foreach (var outcome in await IngestAsync(services.GetRequiredService<EventBatchIngestor>(), names, cancellationToken, Environment.ProcessorCount))
            {
                Print(outcome);
                failed += outcome.Status is BatchStatus.Rejected or BatchStatus.Failed ? 1 : 0;
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Ingests the blobs, up to <paramref name="parallelism"/> at a time (as the host's blob trigger does),
    /// and returns their outcomes in the order of <paramref name="blobNames"/>. Catalog blobs keep 1: their rows upsert,
    /// so a later file must land after an earlier one.</summary>
    public static async Task<IReadOnlyList<BatchOutcome>> IngestAsync(
        BatchIngestor ingestor, IEnumerable<string> blobNames, CancellationToken cancellationToken, int parallelism = 1)
    {
        var names = blobNames.ToArray();
        var outcomes = new BatchOutcome[names.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, names.Length, options, async (i, token) => outcomes[i] = await ingestor.IngestAsync(names[i], token));
        return outcomes;
    }

    /// <summary>Retries one batch: 0 when it is processed now, 1 when it failed or was rejected again, 2 when the id
    /// is unknown or the batch is not retryable.</summary>
    public static async Task<int> RetryAsync(BatchRetry retry, string batchId, CancellationToken cancellationToken)
    {
        var result = await retry.RetryAsync(batchId, cancellationToken);
        if (result.Outcome is not { } outcome)
        {
            AnsiConsole.MarkupLine($"[red]not retried[/]: {Markup.Escape(result.Reason ?? "")}");
            return 2;
        }

        AnsiConsole.MarkupLine($"retried batch {Markup.Escape(batchId)} (was {BatchStatusNames.Of(result.Previous!.Status)}):");
        Print(outcome);
        return outcome.Status is BatchStatus.Rejected or BatchStatus.Failed ? 1 : 0;
    }

    public static void Print(BatchOutcome outcome)
    {
        var status = outcome.Status switch
        {
            BatchStatus.Processed => "[green]processed[/]",
            BatchStatus.Duplicate => "[yellow]duplicate[/]",
            BatchStatus.Failed => "[red]failed[/]",
            _ => "[red]rejected[/]",
        };
        AnsiConsole.MarkupLine($"{status} {Markup.Escape(outcome.BlobName)} (batch {Markup.Escape(outcome.BatchId)}): {outcome.Accepted} accepted, {outcome.Quarantined} quarantined, {outcome.DuplicateRows} duplicate rows" +
            (outcome.Reason is null ? "" : $" — {Markup.Escape(outcome.Reason)}"));
    }

    /// <summary>Every blob name in <paramref name="container"/>.</summary>
    public static async Task<string[]> ListAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            names.Add(blob.Name);
        }

        return [.. names];
    }
}
