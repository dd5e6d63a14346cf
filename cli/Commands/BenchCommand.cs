using System.CommandLine;
using Tailor.Catalog;
using Tailor.Cli.Bench;
using Tailor.Cli.Errors;
using Tailor.Content;
using Tailor.Evaluation;
using Tailor.Cli.Hosting;
using Tailor.Events;
using Tailor.Segments;
using Tailor.Serving;
using Tailor.Splits;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor bench</c>: every algorithm (defaults and auto-tuned) on one split of one event file,
/// as a table, JSON, and a Markdown report with a plot; then the diversity trade-off and, on a temporal or cutoff
/// split, the recency effects (half-life off against tuned, trending against popular).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Event file (.csv, .jsonl, .parquet, optionally .gz).", Required = true }.ExistingEventFile();
        var split = new Option<SplitKind>("--split") { Description = "random (per-user stratified, seed 42), temporal (per-user latest) or cutoff (global time).", DefaultValueFactory = _ => SplitKind.Random };
        var k = new Option<int>("--k") { Description = "List length.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var budget = new Option<double?>("--budget") { Description = "Tuning budget in seconds for the tuned entry (default: Tailor__Training__BudgetSeconds, else 60)." }.Positive();
        var catalogFile = new Option<FileInfo?>("--catalog") { Description = "Item catalog file (.csv, .jsonl, .parquet, optionally .gz): the diversity trade-off is also measured by category overlap, as serving does with a catalog; --cold-items needs it." };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for bench.json, bench.md and the plot (default: out/bench, which git ignores).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "bench")) };

        var coldItems = new Option<bool>("--cold-items") { Description = "Run the cold-item protocol instead: hold out 10 % of the items entirely from training and rank them by content (needs --catalog)." };
        var embedding = new Option<bool>("--embedding") { Description = "With --cold-items, also measure the content features with the MiniLM text embedding." };
        var lightUsers = new Option<bool>("--light-users") { Description = "Run only the per-segment and activity-bucket evaluation, with the light-user blend at 1, 2, 3 and 5 segment places." };
        var command = new Command("bench", "Benchmark every algorithm with default and tuned settings on one split.")
        {
            data, split, k, budget, catalogFile, outDir, coldItems, embedding, lightUsers,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(data)!;
            var events = new List<InteractionEvent>();
            await foreach (var e in EventFile.ReadValidAsync(file.FullName, ct: cancellationToken).ConfigureAwait(false))
            {
                events.Add(e);
            }

            var dataset = InteractionDataset.Build(events);
            var training = CliTrainingOptions.FromEnvironment(parse.GetValue(budget));
            if (parse.GetValue(coldItems))
            {
                return await ColdItemsAsync(dataset, file, parse.GetValue(catalogFile), parse.GetValue(embedding), parse.GetValue(k), training.Seed, parse.GetValue(outDir)!, cancellationToken);
            }

            Console.WriteLine($"{dataset.Matrix.UserCount} users, {dataset.Matrix.ItemCount} items, {dataset.Matrix.NonZeroCount} interactions");
            if (parse.GetValue(lightUsers))
            {
                Console.WriteLine(SegmentsMarkdown(SegmentBench.Run(events, null, parse.GetValue(k), training, new LightUserOptions { LightUserThreshold = SegmentBench.LightUserThreshold }, cancellationToken), parse.GetValue(k)));
                return 0;
            }

            var report = AlgorithmBenchmark.Run(
                dataset, parse.GetValue(split), parse.GetValue(k), training, e => Console.WriteLine($"  done: {e.Name} ({e.TrainingSeconds:F2} s)"), cancellationToken);

            Console.WriteLine();
            Console.Write(BenchReportWriter.Table(report));
            var dir = parse.GetValue(outDir)!;
            await BenchReportWriter.WriteAsync(report, file.Name, dir, cancellationToken).ConfigureAwait(false);

            var catalog = parse.GetValue(catalogFile) is { } catalogPath
                ? ItemCatalogView.From(await CatalogFile.ReadAsync(catalogPath.FullName, cancellationToken: cancellationToken).ConfigureAwait(false))
                : null;
            var (tradeoff, byCategory) = DiversityBench.Run(dataset, parse.GetValue(split), parse.GetValue(k), training, catalog, cancellationToken);
            Console.WriteLine();
            Console.Write(DiversityBench.Table(tradeoff, parse.GetValue(k)));
            await File.AppendAllTextAsync(Path.Combine(dir.FullName, "bench.md"), "\n" + DiversityBench.Markdown(tradeoff, parse.GetValue(k)), cancellationToken).ConfigureAwait(false);
            if (byCategory is not null)
            {
                Console.WriteLine();
                Console.Write(DiversityBench.Table(byCategory, parse.GetValue(k), "category overlap"));
                await File.AppendAllTextAsync(Path.Combine(dir.FullName, "bench.md"), "\n" + DiversityBench.Markdown(byCategory, parse.GetValue(k), "the catalog's category overlap (Jaccard)"), cancellationToken).ConfigureAwait(false);
            }

            // Recency is judged on time-aware splits only: on a random split the held-out items are not the latest.
            if (parse.GetValue(split) is not SplitKind.Random)
            {
                var recency = RecencyBenchmark.Run(dataset, parse.GetValue(split), parse.GetValue(k), training, cancellationToken);
                Console.WriteLine();
                Console.Write(RecencyBench.Table(recency, parse.GetValue(k)));
                await File.AppendAllTextAsync(Path.Combine(dir.FullName, "bench.md"), "\n" + RecencyBench.Markdown(recency, parse.GetValue(k)), cancellationToken).ConfigureAwait(false);
            }

            // Per segment and activity bucket, as the training run's evaluation slices its holdout.
            var sliced = SegmentBench.Run(events, null, parse.GetValue(k), training, new LightUserOptions { LightUserThreshold = SegmentBench.LightUserThreshold }, cancellationToken);
            events.Clear();
            var segmentsMarkdown = SegmentsMarkdown(sliced, parse.GetValue(k));
            Console.WriteLine(segmentsMarkdown);
            await File.AppendAllTextAsync(Path.Combine(dir.FullName, "bench.md"), segmentsMarkdown, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Report: {Path.Combine(dir.FullName, "bench.md")}");
            return 0;
        });
        return command;
    }

    private static string SegmentsMarkdown(SegmentBench.Result sliced, int k) =>
        $"\n## Per segment and activity bucket ({sliced.Model}; {sliced.Segments?.K ?? 0} segments in {sliced.SegmentSeconds:F2} s; blend for users with fewer than {sliced.LightUserThreshold} training interactions)\n\n"
        + SliceTable.Markdown("segment", sliced.BySegment, k) + "\n"
        + SliceTable.Markdown("training interactions", sliced.ByBucket, k) + "\n"
        + SegmentBench.BlendMarkdown(sliced, k);

    private static async Task<int> ColdItemsAsync(
        InteractionDataset dataset, FileInfo data, FileInfo? catalogFile, bool withEmbedding, int k, int seed, DirectoryInfo dir, CancellationToken cancellationToken)
    {
        if (catalogFile is null || !catalogFile.Exists)
        {
            throw new UsageException(catalogFile is null ? "--catalog: required with --cold-items" : $"--catalog: {catalogFile.FullName} does not exist");
        }

        var catalog = await CatalogFile.ReadValidAsync(catalogFile.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"{dataset.Matrix.UserCount} users, {dataset.Matrix.ItemCount} items, {dataset.Matrix.NonZeroCount} interactions; {catalog.Count} catalog items");
        using var embedder = withEmbedding ? new MiniLmTextEmbedder() : null;
        var reports = ColdItemBench.Run(dataset, catalog, k, seed, embedder, r => Console.WriteLine($"  done: {r.Algorithm}"), cancellationToken);
        Console.WriteLine();
        Console.Write(ColdItemBench.Table(reports));
        dir.Create();
        var path = Path.Combine(dir.FullName, "cold-items.md");
        await File.WriteAllTextAsync(path, ColdItemBench.Markdown(reports, data.Name), cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Report: {path}");
        return 0;
    }
}
