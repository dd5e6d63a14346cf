using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tailor.Cli.Hosting;
using Tailor.Feedback;
using Tailor.Pipeline;
using Tailor.Serving;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor metrics</c>: what <c>GET /api/metrics/online</c> answers, as a table; with <c>--judge</c>, the
/// online promotion check the Functions app's timer runs.</summary>
public static class MetricsCommand
{
    public static Command Create()
    {
        var hours = new Option<int>("--hours") { Description = "Range: the last N hours (1–744) up to --to", DefaultValueFactory = _ => 24 }.Between(1, 744);
        var to = new Option<DateTimeOffset?>("--to") { Description = "End of the range (ISO 8601, UTC; default: now)" };
        var by = new Option<string?>("--by") { Description = $"Comma-separated grouping: {string.Join(", ", OnlineGrouping.All)} (default {string.Join(",", OnlineGrouping.Default)})" };
        by.Validators.Add(result =>
        {
            if (OnlineGrouping.TryParse(result.GetValueOrDefault<string?>(), out var error) is null)
            {
                result.AddError($"{by.Name}: {error}.");
            }
        });
        var judge = new Option<bool>("--judge")
        {
            Description = "Then judge the challenger promoted online (Tailor:Pipeline:PromoteOnline): promote it if it won, drop it if it lost",
        };
        var connection = CommonOptions.Connection();
        var command = new Command("metrics", "Online metrics of served lists: click-through, conversion, hit rate, coverage, value, champion vs challenger")
        {
            hours, to, by, judge, connection,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var end = parse.GetValue(to) ?? DateTimeOffset.UtcNow;
            var grouping = OnlineGrouping.TryParse(parse.GetValue(by), out _)!;
            var current = await services.GetRequiredService<RecommendationService>().GetCurrentModelAsync(cancellationToken);
            var table = await services.GetRequiredService<OnlineMetricsService>()
                .ComputeAsync(end.AddHours(-parse.GetValue(hours)), end, grouping, current.Value?.Items, cancellationToken);
            Print(table);
            if (parse.GetValue(judge))
            {
                var verdict = await services.GetRequiredService<OnlinePromotion>().DecideAsync(cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"challenger {verdict.Challenger ?? "–"}: {verdict.Outcome}: {verdict.Reason}");
            }

            return 0;
        });
        return command;
    }

    public static void Print(OnlineMetricsTable metrics)
    {
        var c = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Online metrics[/] {metrics.From.ToString("u", c)} – {metrics.To.ToString("u", c)} (events within {metrics.WindowHours} h, hit rate@{metrics.K})");
        var table = new Table();
        foreach (var column in metrics.By)
        {
            table.AddColumn(column);
        }

        table.AddColumns("impressions", "click-through", "conversion", $"hit@{metrics.K}", "coverage", "value");
        foreach (var row in metrics.Rows)
        {
            var cells = new List<string>();
            foreach (var column in metrics.By)
            {
                cells.Add(Markup.Escape(Key(row, column) ?? ""));
            }

            cells.Add(row.Impressions.ToString("N0", c));
            cells.Add(row.ClickThrough.ToString("P1", c));
            cells.Add(row.Conversion.ToString("P1", c));
            cells.Add(row.HitRate.ToString("P1", c));
            cells.Add(row.Coverage is { } coverage ? coverage.ToString("P1", c) : "–");
            cells.Add(row.Value.ToString("0.##", c));
            table.AddRow([.. cells]);
        }

        AnsiConsole.Write(table);
        if (metrics.Rows.Count == 0)
        {
            AnsiConsole.MarkupLine("No impressions in this range.");
        }

        if (metrics.Comparison is { } v)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"challenger − champion click-through: {v.Difference.ToString("+0.0%;-0.0%", c)} (95 % CI {v.Low.ToString("+0.0%;-0.0%", c)} to {v.High.ToString("+0.0%;-0.0%", c)}; {v.ChampionImpressions.ToString("N0", c)} vs {v.ChallengerImpressions.ToString("N0", c)} impressions){(v.Significant ? " — significant" : "")}");
        }
    }

    private static string? Key(OnlineMetricRow row, string column) => column switch
    {
        OnlineGrouping.Version => row.ModelVersion,
        OnlineGrouping.Strategy => row.Strategy,
        OnlineGrouping.Variant => row.Variant,
        OnlineGrouping.Segment => row.Segment,
        _ => row.Period,
    };
}
