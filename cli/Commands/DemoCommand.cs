using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Tailor.Catalog;
using Tailor.Cli.Bench;
using Tailor.Cli.Hosting;
using Tailor.Cli.Serve;
using Tailor.Cli.Synthetic;
using Tailor.Feedback;
using Tailor.Ingestion;
using Tailor.Serving;
using Tailor.Storage;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor demo</c>: the whole path on Azurite — generate, upload, ingest, train, evaluate,
/// promote, recommend, then a new user's three posted events turning their list from popular to fresh — with a
/// summary of counts, metrics and timings.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Synthetic users", DefaultValueFactory = _ => 2_000 }.AtLeast(1);
        var items = new Option<int>("--items") { Description = "Synthetic items", DefaultValueFactory = _ => 1_000 }.AtLeast(1);
        var events = new Option<long>("--events") { Description = "Synthetic events", DefaultValueFactory = _ => 150_000 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var folder = new Option<DirectoryInfo>("--out") { Description = "Where to write the generated files", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var connection = CommonOptions.Connection();
        var serve = new Option<bool>("--serve") { Description = "At the end, serve the HTTP API and the console (tailor serve) until Ctrl+C" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 for --serve (0: any free port)", DefaultValueFactory = _ => 7071 }.Between(0, 65535);
        var command = new Command("demo", "Run the whole pipeline end to end on Azurite") { users, items, events, seed, folder, connection, serve, port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new GeneratorOptions(parse.GetValue(users), parse.GetValue(items), parse.GetValue(events), parse.GetValue(seed))
            {
                ColdItems = GenerateCommand.DefaultColdItems,
            };
            var storage = await RunAsync(options, parse.GetValue(folder)!, parse.GetValue(connection), cancellationToken);
            if (parse.GetValue(serve))
            {
                await ServeAsync(storage, parse.GetValue(port), parse.InvocationConfiguration.Output, cancellationToken);
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>--serve</c>: the HTTP API and the console over the demo's storage, until Ctrl+C.</summary>
    private static async Task ServeAsync(string connection, int port, TextWriter output, CancellationToken cancellationToken)
    {
        await using var server = await LocalFunctionsServer.StartAsync(connection, port, cancellationToken: cancellationToken);
        ServeCommand.PrintKeys(output, server);
        output.WriteLine($"console: {server.ConsoleAddress}  (enter the function key; the admin key for promotions)");
        output.WriteLine("serving until Ctrl+C");
        await output.FlushAsync(cancellationToken);
        try
        {
            await server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the way to stop.
        }
    }

    /// <summary>Runs the demo and returns the storage connection it used.</summary>
    private static async Task<string> RunAsync(GeneratorOptions options, DirectoryInfo folder, string? explicitConnection, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var timings = new List<(string Step, TimeSpan Took)>();
        var watch = Stopwatch.StartNew();
        void Lap(string step)
        {
            timings.Add((step, watch.Elapsed));
            watch.Restart();
        }

        var connection = explicitConnection ?? Environment.GetEnvironmentVariable("Tailor__Storage__ConnectionString");
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = await AnsiConsole.Status().StartAsync("Starting Azurite…", _ => AzuriteScript.EnsureStartedAsync(cancellationToken));
            AnsiConsole.MarkupLine("Azurite is running ([grey]scripts/azurite.sh stop[/] stops it)");
        }
        else
        {
            await StorageProbe.EnsureReachableAsync(connection, cancellationToken);
        }

        Lap("storage");

        var eventsFile = new FileInfo(Path.Combine(folder.FullName, "events.csv"));
        var catalogFile = new FileInfo(Path.Combine(folder.FullName, "catalog.csv"));
        var badFile = new FileInfo(Path.Combine(folder.FullName, "events-with-bad-rows.csv"));
        await AnsiConsole.Status().StartAsync("Generating events…", _ => GenerateCommand.WriteAsync(options, eventsFile, catalogFile, cancellationToken));
        await File.WriteAllTextAsync(badFile.FullName, BadRowsSample(), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"generated {options.Events:N0} events from {options.Users:N0} users over {options.Items:N0} items in [grey]{folder.FullName}[/]");
        Lap("generate");

        await using var services = CliServices.Build(connection);
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync(cancellationToken);
        var uploaded = await UploadCommand.UploadAsync(storage, [eventsFile, badFile], "demo", cancellationToken);
        var catalogUploaded = await CatalogCommand.UploadAsync(storage, [catalogFile], "demo", cancellationToken);
        Lap("upload");

        var outcomes = await AnsiConsole.Status().StartAsync("Ingesting…", _ =>
            IngestCommand.IngestAsync(services.GetRequiredService<EventBatchIngestor>(), uploaded, cancellationToken, Environment.ProcessorCount));
        var catalogOutcomes = await IngestCommand.IngestAsync(services.GetRequiredService<CatalogBatchIngestor>(), catalogUploaded, cancellationToken);
        foreach (var outcome in outcomes.Concat(catalogOutcomes))
        {
            IngestCommand.Print(outcome);
        }

        Lap("ingest");

        var training = await AnsiConsole.Status().StartAsync("Training…", status =>
            LocalTraining.RunAsync(connection, services, services.GetRequiredService<ILoggerFactory>(), "tailor demo", TimeSpan.FromMinutes(30), cancellationToken,
                progress: TrainCommand.ShowStages(status)));
        TrainCommand.Print(training);
        Lap("train");

        var recommender = services.GetRequiredService<RecommendationService>();
        string[] who = [SyntheticEventGenerator.UserId(0), SyntheticEventGenerator.UserId(1), SyntheticEventGenerator.UserId(2), "someone-new"];
        var served = new List<(string User, RecommendationResult List)>();
        foreach (var user in who)
        {
            var result = await recommender.GetForUserAsync(user, 5, cancellationToken);
            if (result.Value is { } recommendations)
            {
                RecommendCommand.Print(user, recommendations);
                served.Add((user, recommendations));
            }
        }

        // A catalog item no event names: the model has never seen it, so its similar items come from its content.
        var cold = SyntheticEventGenerator.ItemId(options.Items);
        if ((await recommender.SimilarItemsAsync(cold, 5, cancellationToken)).Value is { } similar)
        {
            AnsiConsole.MarkupLineInterpolated($"items similar to the new item [yellow]{cold}[/] (no events; strategy [green]{similar.Strategy}[/]):");
            foreach (var item in similar.Items)
            {
                AnsiConsole.WriteLine(FormattableString.Invariant($"  {item.ItemId,-8} {item.Score:0.000}"));
            }
        }

        Lap("recommend");

        if (await services.GetRequiredService<IModelSource>().GetAsync(cancellationToken) is { Segments: { } segments } serving)
        {
            AnsiConsole.WriteLine();
            SegmentsCommand.Print(SegmentAnswers.List(serving, segments));
            var someone = SyntheticEventGenerator.UserId(0);
            if (serving.Profiles?.Find(someone) is { } profile)
            {
                SegmentsCommand.PrintProfile(profile, serving.SegmentOf(someone));
            }
        }

        if (training.Evaluation is { } sliced)
        {
            AnsiConsole.WriteLine(SliceTable.Markdown("segment", sliced.Segments, sliced.K));
            AnsiConsole.WriteLine(SliceTable.Markdown("training interactions", sliced.ActivityBuckets, sliced.K));
            if (sliced.LightUserThreshold > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[grey]blend: users with fewer than {sliced.LightUserThreshold} training interactions get their segment's popular items after the model's top items (strategy segment)[/]");
            }
        }
        var freshAfter = await DemoFreshEvents.RunAsync(services, cancellationToken);
        Lap("fresh events");

        await ShowOnlineClickThroughAsync(services, served, cancellationToken);
        Lap("feedback");

        var summary = new Table().Title("summary").AddColumns("", "").HideHeaders();
        summary.AddRow("events accepted", outcomes.Sum(o => o.Accepted).ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("catalog items", catalogOutcomes.Sum(o => o.Accepted).ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("rows quarantined", outcomes.Sum(o => o.Quarantined).ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("model", $"{training.Candidate?.Algorithm} ({(training.Promotion.Promoted ? "promoted " + training.Promotion.Version : "not promoted")})");
        if (training.Evaluation is { } e)
        {
            summary.AddRow("holdout NDCG@10 / P@10", FormattableString.Invariant($"{e.Candidate.Ndcg:F4} / {e.Candidate.Precision:F4} (popularity {e.Popularity.Ndcg:F4} / {e.Popularity.Precision:F4})"));
        }

        if (freshAfter is { } changed)
        {
            summary.AddRow("POST events → changed list", FormattableString.Invariant($"{changed.TotalMilliseconds:F0} ms"));
        }

        foreach (var (step, took) in timings)
        {
            summary.AddRow($"time: {step}", FormattableString.Invariant($"{took.TotalSeconds:F1} s"));
        }

        summary.AddRow("time: total", FormattableString.Invariant($"{total.Elapsed.TotalSeconds:F1} s"));
        AnsiConsole.Write(summary);
        return connection;
    }

    /// <summary>The feedback loop in small: the first two users click their first item (posted with the list's
    /// recommendation id, ingested like any API call), the impressions are flushed, and the online table printed.</summary>
    private static async Task ShowOnlineClickThroughAsync(
        IServiceProvider services, List<(string User, RecommendationResult List)> served, CancellationToken cancellationToken)
    {
        var from = DateTimeOffset.UtcNow.AddHours(-1);
        var clicks = new List<ApiEvent>();
        foreach (var (user, list) in served.Take(2))
        {
            if (list.Items.Count > 0)
            {
                clicks.Add(new ApiEvent(user, list.Items[0].ItemId, "click", null,
                    DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), null, list.RecommendationId));
            }
        }

        var posted = await services.GetRequiredService<EventApiWriter>().WriteAsync(clicks, cancellationToken);
        if (posted.BlobName is { } blobName)
        {
            await IngestCommand.IngestAsync(services.GetRequiredService<EventBatchIngestor>(), [blobName], cancellationToken);
        }

        await services.GetRequiredService<ImpressionFlusher>().FlushAsync(cancellationToken);
        var current = await services.GetRequiredService<RecommendationService>().GetCurrentModelAsync(cancellationToken);
        var table = await services.GetRequiredService<OnlineMetricsService>()
            .ComputeAsync(from, DateTimeOffset.UtcNow.AddMinutes(1), OnlineGrouping.Default, current.Value?.Items, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"posted {posted.Accepted} clicks on served items with their recommendationId");
        MetricsCommand.Print(table);
    }

    /// <summary>A small file with good rows and three bad ones, to show quarantine at work.</summary>
    private static string BadRowsSample() =>
        "user_id,item_id,event_type,value,timestamp\n" +
        "u0,i1,view,,2024-12-01T10:00:00Z\n" +
        "u1,i2,purchase,,2024-12-01T10:05:00Z\n" +
        ",i3,view,,2024-12-01T10:06:00Z\n" +
        "u2,i4,teleport,,2024-12-01T10:07:00Z\n" +
        "u3,i5,click,,not-a-time\n" +
        "u4,i6,click,,2024-12-01T10:09:00Z\n" +
        "u5,i7,add_to_cart,,2024-12-01T10:10:00Z\n";
}
