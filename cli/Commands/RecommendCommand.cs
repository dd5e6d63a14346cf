using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tailor.Cli.Hosting;
using Tailor.Events;
using Tailor.Serving;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor recommend USER</c>: what <c>GET /api/recommendations/{userId}</c> answers.</summary>
public static class RecommendCommand
{
    public static Command Create()
    {
        var user = new Argument<string>("user") { Description = "User id" };
        var count = new Option<int>("--count") { Description = "How many items (1–100)", DefaultValueFactory = _ => 10 }.Between(1, 100);
        var connection = CommonOptions.Connection();
        var command = new Command("recommend", "Recommendations for one user from the serving model") { user, count, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(count);
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var stored = services.GetRequiredService<UserIdPseudonymizer>().Apply(parse.GetValue(user)!);
            var result = await services.GetRequiredService<RecommendationService>().GetForUserAsync(stored, n, cancellationToken);
            if (result.Value is not { } recommendations)
            {
                AnsiConsole.MarkupLine("[red]No model is serving yet: run `tailor train` first.[/]");
                return 3;
            }

            Print(parse.GetValue(user)!, recommendations);
            return 0;
        });
        return command;
    }

    public static void Print(string userId, RecommendationResult result)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{userId}[/]: {result.Strategy} (model {result.ModelVersion})");
        var table = new Table().AddColumns("#", "item", "score");
        for (var i = 0; i < result.Items.Count; i++)
        {
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(result.Items[i].ItemId),
                result.Items[i].Score.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }
}
