using System.CommandLine;
using Spectre.Console;
using Tailor.Cli.Synthetic;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor generate</c>: synthetic events with realistic structure, and a matching catalog; with
/// <c>--preset</c>, data shaped like a public dataset (<see cref="DatasetPreset"/>).</summary>
public static class GenerateCommand
{
    private const int DefaultUsers = 2_000, DefaultItems = 1_000;
    private const long DefaultEvents = 100_000;

    /// <summary>Cold items the default generator adds to the catalog.</summary>
    public const int DefaultColdItems = 10;

    public static Command Create()
    {
        var preset = new Option<string?>("--preset") { Description = "Shape of a public dataset: small (943 × 1,682 × 100k ratings), medium (6,040 × 3,706 × 1M ratings) or shop-20m (140k × 27k × 20M shop events). --users, --items, --events and --seed override its fields." };
        preset.AcceptOnlyFromAmong([.. DatasetPreset.All.Select(p => p.Name)]);
        var users = new Option<int?>("--users") { Description = $"Number of users (default {DefaultUsers}, or the preset's)" }.AtLeast(1);
        var items = new Option<int?>("--items") { Description = $"Number of items (default {DefaultItems}, or the preset's)" }.AtLeast(1);
        var events = new Option<long?>("--events") { Description = $"Number of events (default {DefaultEvents}, or the preset's)" }.AtLeast(1);
        var seed = new Option<int?>("--seed") { Description = "Random seed (same seed, same files; default 42)" };
        var output = new Option<FileInfo>("--out") { Description = "Events file to write (.csv, optionally .gz)", Required = true };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "Catalog file to write (default: catalog.csv beside --out)" };
        var coldItems = new Option<int>("--cold-items") { Description = "Catalog items no event names, created in the window's last week", DefaultValueFactory = _ => DefaultColdItems }.AtLeast(0);
        var command = new Command("generate", "Generate synthetic events and a catalog") { preset, users, items, events, seed, output, catalog, coldItems };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var eventsFile = parse.GetValue(output)!;
            var catalogFile = parse.GetValue(catalog) ?? new FileInfo(Path.Combine(eventsFile.DirectoryName ?? ".", "catalog.csv"));
            if (parse.GetValue(preset) is { } name)
            {
                var shape = DatasetPreset.Find(name)!;
                shape = shape with
                {
                    Users = parse.GetValue(users) ?? shape.Users,
                    Items = parse.GetValue(items) ?? shape.Items,
                    Events = parse.GetValue(events) ?? shape.Events,
                    Seed = parse.GetValue(seed) ?? shape.Seed,
                    ColdItems = parse.GetValue(coldItems),
                };
                await WriteAsync(shape, eventsFile, catalogFile, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"wrote [green]{eventsFile.FullName}[/] ({shape.Events} events, {shape.Users} users, {shape.Items} items, preset {shape.Name}) and [green]{catalogFile.FullName}[/] ({shape.ColdItems} items without events)");
                return 0;
            }

            var options = new GeneratorOptions(parse.GetValue(users) ?? DefaultUsers, parse.GetValue(items) ?? DefaultItems, parse.GetValue(events) ?? DefaultEvents, parse.GetValue(seed) ?? 42)
            {
                ColdItems = parse.GetValue(coldItems),
            };
            await WriteAsync(options, eventsFile, catalogFile, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"wrote [green]{eventsFile.FullName}[/] ({options.Events} events, {options.Users} users, {options.Items} items) and [green]{catalogFile.FullName}[/] ({options.ColdItems} items without events)");
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

    public static async Task WriteAsync(DatasetPreset preset, FileInfo events, FileInfo catalog, CancellationToken cancellationToken)
    {
        events.Directory?.Create();
        catalog.Directory?.Create();
        var generator = new PresetEventGenerator(preset);
        await generator.WriteEventsAsync(events.FullName, cancellationToken);
        await generator.WriteCatalogAsync(catalog.FullName, cancellationToken);
    }
}
