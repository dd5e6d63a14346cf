using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tailor.Cli.Stats;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor stats FILE</c>: the shape of an event file (users × items, density, events per user and
/// per item, popularity concentration, rating distribution), read streaming.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Event file (.csv, .jsonl, .parquet, optionally .gz)." }.ExistingEventFile();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("stats", "Report an event file's statistics: sizes, density, events per user and item, Gini, top-item shares, ratings.") { file, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await EventStatistics.ReadAsync(parse.GetValue(file)!.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                WriteJson(Console.OpenStandardOutput(), report);
            }
            else
            {
                WriteTable(Console.Out, report);
            }

            return 0;
        });
        return command;
    }

    internal static void WriteTable(TextWriter output, EventStatisticsReport r)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"users × items      {r.Users:N0} × {r.Items:N0}"));
        output.WriteLine(string.Create(c, $"interactions       {r.Interactions:N0}"));
        output.WriteLine(string.Create(c, $"density            {r.Density:P2}"));
        output.WriteLine(string.Create(c, $"events per user    {Spread(r.PerUser)}  (min / p10 / median / p90 / p99 / max)"));
        output.WriteLine(string.Create(c, $"events per item    {Spread(r.PerItem)}"));
        output.WriteLine(string.Create(c, $"gini (items)       {r.Gini:F3}"));
        output.WriteLine(string.Create(c, $"top 1 % / 10 %     {r.Top1PercentShare:P1} / {r.Top10PercentShare:P1}"));
        output.WriteLine(string.Create(c, $"event types        {string.Join(", ", r.EventTypes.Select(t => string.Create(c, $"{t.Key} {t.Value:N0}")))}"));
        if (r.Ratings.Count > 0)
        {
            output.WriteLine(string.Create(c, $"ratings            {string.Join(" / ", r.Ratings.Select(x => string.Create(c, $"{x.Key:G}: {x.Value:P1}")))}"));
        }
    }

    internal static void WriteJson(Stream output, EventStatisticsReport r)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteNumber("users", r.Users);
        writer.WriteNumber("items", r.Items);
        writer.WriteNumber("interactions", r.Interactions);
        writer.WriteNumber("density", r.Density);
        Summary(writer, "events_per_user", r.PerUser);
        Summary(writer, "events_per_item", r.PerItem);
        writer.WriteNumber("gini", r.Gini);
        writer.WriteNumber("top_1_percent_share", r.Top1PercentShare);
        writer.WriteNumber("top_10_percent_share", r.Top10PercentShare);
        writer.WriteStartObject("event_types");
        foreach (var t in r.EventTypes)
        {
            writer.WriteNumber(t.Key, t.Value);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("ratings");
        foreach (var x in r.Ratings)
        {
            writer.WriteNumber(x.Key.ToString("G", CultureInfo.InvariantCulture), x.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
        output.Flush();
    }

    private static string Spread(CountSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Min:0.#} / {s.P10:0.#} / {s.Median:0.#} / {s.P90:0.#} / {s.P99:0.#} / {s.Max:0.#}");

    private static void Summary(Utf8JsonWriter writer, string name, CountSummary s)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("min", s.Min);
        writer.WriteNumber("p10", s.P10);
        writer.WriteNumber("median", s.Median);
        writer.WriteNumber("p90", s.P90);
        writer.WriteNumber("p99", s.P99);
        writer.WriteNumber("max", s.Max);
        writer.WriteEndObject();
    }
}
