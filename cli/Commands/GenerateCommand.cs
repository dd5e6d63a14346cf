using System.CommandLine;
using Spectre.Console;
using Tailor.Cli.Synthetic;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor generate</c>: synthetic events with realistic structure, and a matching catalog.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Number of users", DefaultValueFactory = _ => 2_000 }.AtLeast(1);
        var items = new Option<int>("--items") { Description = "Number of items", DefaultValueFactory = _ => 1_000 }.AtLeast(1);
        var events = new Option<long>("--events") { Description = "Number of events", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same files)", DefaultValueFactory = _ => 42 };
        var output = new Option<FileInfo>("--out") { Description = "Events file to write (.csv, optionally .gz)", Required = true };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "Catalog file to write (default: catalog.csv beside --out)" };
        var command = new Command("generate", "Generate synthetic events and a catalog") { users, items, events, seed, output, catalog };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new GeneratorOptions(parse.GetValue(users), parse.GetValue(items), parse.GetValue(events), parse.GetValue(seed));
            var eventsFile = parse.GetValue(output)!;
            var catalogFile = parse.GetValue(catalog) ?? new FileInfo(Path.Combine(eventsFile.DirectoryName ?? ".", "catalog.csv"));
            await WriteAsync(options, eventsFile, catalogFile, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"wrote [green]{eventsFile.FullName}[/] ({options.Events} events, {options.Users} users, {options.Items} items) and [green]{catalogFile.FullName}[/]");
            return 0;
        });
        return command;
    }

    public static async Task WriteAsync(GeneratorOptions options, FileInfo events, FileInfo catalog, CancellationToken cancellationToken)
    {
        events.Directory?.Create();
        catalog.Directory?.Create();
        var generator = new SyntheticEventGenerator(options);
        await generator.WriteEventsAsync(events.FullName, cancellationToken);
        await generator.WriteCatalogAsync(catalog.FullName, cancellationToken);
    }
}
