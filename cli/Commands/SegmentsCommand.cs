using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tailor.Cli.Errors;
using Tailor.Cli.Hosting;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Serving;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor segments [--segment ID] [--user ID]</c>: what <c>GET /api/segments</c> answers (or one segment's
/// popular items, or one user's profile and segment).</summary>
public static class SegmentsCommand
{
    public static Command Create()
    {
        var segment = new Option<string?>("--segment") { Description = "Show this segment's popular items (e.g. s1)" };
        var user = new Option<string?>("--user") { Description = "Show this user's profile and segment" };
        var count = new Option<int>("--count") { Description = "Popular items to show with --segment (1–100)", DefaultValueFactory = _ => 10 }.Between(1, 100);
        var connection = CommonOptions.Connection();
        var command = new Command("segments", "The serving model's user segments: k, sizes, labels, top categories and items") { segment, user, count, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            if (await services.GetRequiredService<IModelSource>().GetAsync(cancellationToken) is not { } model)
            {
                AnsiConsole.MarkupLine("[red]No model is serving yet: run `tailor train` first.[/]");
                return 3;
            }

            if (model.Segments is not { } segments)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Model {model.Version} has no user segments (too few users, or Tailor:Segments:Enabled is false).[/]");
                return 3;
            }

            if (parse.GetValue(user) is { } userId)
            {
                if (model.Profiles?.Find(userId) is not { } profile)
                {
                    throw new UsageException($"--user: no profile for '{userId}' in the data of model {model.Version}.");
                }

                PrintProfile(profile, model.SegmentOf(userId));
                return 0;
            }

            if (parse.GetValue(segment) is { } segmentId)
            {
                var found = SegmentAnswers.Find(model, segments, segmentId, parse.GetValue(count))
                    ?? throw new UsageException($"--segment: no segment '{segmentId}' in model {model.Version} (it has s1 to s{segments.K}).");
                PrintPopular(found.Segment);
                return 0;
            }

            Print(SegmentAnswers.List(model, segments));
            return 0;
        });
        return command;
    }

    public static void Print(SegmentListResponse list)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{list.K} segments[/] of {list.Users:N0} users (model {list.ModelVersion}; k by {list.Criterion} on {list.SampleUsers:N0} users: {string.Join(", ", list.Scores.Select(s => FormattableString.Invariant($"k={s.K} {s.DaviesBouldin:0.000} (silhouette {s.Silhouette:0.000})")))})");
        var table = new Table().AddColumns("segment", "label", "users", "share", "events/user", "top categories", "top items");
        foreach (var s in list.Segments)
        {
            table.AddRow(
                s.SegmentId, Markup.Escape(s.Label), s.Users.ToString("N0", CultureInfo.InvariantCulture), s.Share.ToString("P1", CultureInfo.InvariantCulture),
                s.MeanInteractions.ToString("0.0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", s.TopCategories.Select(c => FormattableString.Invariant($"{c.Category} {c.Share:P0}")))),
                Markup.Escape(string.Join(", ", s.PopularItems.Select(i => i.ItemId))));
        }

        AnsiConsole.Write(table);
    }

    private static void PrintPopular(SegmentSummary segment)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{segment.SegmentId}[/] {segment.Label}: {segment.Users:N0} users");
        var table = new Table().AddColumns("#", "item", "users", "share of segment");
        for (var i = 0; i < segment.PopularItems.Count; i++)
        {
            var item = segment.PopularItems[i];
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(item.ItemId),
                item.Users.ToString("N0", CultureInfo.InvariantCulture), item.Share.ToString("P1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    public static void PrintProfile(UserProfile p, SegmentSummary? segment)
    {
        var table = new Table().Title($"profile of {Markup.Escape(p.UserId)}").AddColumns("", "").HideHeaders();
        table.AddRow("segment", Markup.Escape(segment is null ? "none" : $"{segment.SegmentId} ({segment.Label})"));
        table.AddRow("interactions / distinct items", FormattableString.Invariant($"{p.Interactions} / {p.DistinctItems}"));
        table.AddRow("by event type", Markup.Escape(string.Join(", ", (p.EventTypes ?? new Dictionary<string, int>()).Select(t => $"{t.Key} {t.Value}"))));
        table.AddRow("tenure / since last activity", FormattableString.Invariant($"{p.TenureDays:0.#} days / {p.DaysSinceLastActivity:0.#} days"));
        table.AddRow("active days / events per active day", FormattableString.Invariant($"{p.ActiveDays} / {p.EventsPerActiveDay:0.##}"));
        table.AddRow("top categories", Markup.Escape(string.Join(", ", (p.TopCategories ?? []).Select(c => FormattableString.Invariant($"{c.Category} {c.Share:P0}")))));
        table.AddRow("category entropy", FormattableString.Invariant($"{p.CategoryEntropy:0.###} bits"));
        table.AddRow("busiest hour (UTC)", p.HourOfDay is { Count: 24 } hours ? FormattableString.Invariant($"{hours.ToList().IndexOf(hours.Max()):00}:00") : "");
        table.AddRow("mean rating", p.MeanRating is { } rating ? rating.ToString("0.00", CultureInfo.InvariantCulture) : "none");
        table.AddRow("top items", Markup.Escape(string.Join(", ", p.TopItems.Take(5).Select(i => i.ItemId))));
        AnsiConsole.Write(table);
    }
}
