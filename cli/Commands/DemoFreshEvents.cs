using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tailor.Cli.Synthetic;
using Tailor.Ingestion;
using Tailor.Serving;

namespace Tailor.Cli.Commands;

/// <summary>The demo's fresh-events step: a user the model has never seen is served <c>popular</c>, posts three
/// events through the events API's core, and is served <c>fresh</c> at once, without retraining.</summary>
internal static class DemoFreshEvents
{
    private static readonly string[] s_types = ["view", "add_to_cart", "purchase"];

    /// <summary>Runs the step and returns the time from posting to the changed list (null when there is no model).</summary>
    public static async Task<TimeSpan?> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<IModelSource>().GetAsync(cancellationToken) is not { } model
            || !model.UserIndex.TryGetValue(SyntheticEventGenerator.UserId(0), out var taste))
        {
            return null;
        }

        // Three items one known user interacted with, so the new user's taste is a recognisable one.
        var history = model.Artifact.History.ItemsOf(taste);
        var items = new string[Math.Min(3, history.Length)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = model.Artifact.ItemIds[history[i]];
        }

        var recommender = services.GetRequiredService<RecommendationService>();
        var user = "newcomer-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        if ((await recommender.GetForUserAsync(user, 5, cancellationToken)).Value is { } before)
        {
            RecommendCommand.Print(user + " (before)", before);
        }

        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var events = items.Select((item, i) => new ApiEvent(user, item, s_types[i], null, now, $"demo-{user}-{i}")).ToList();
        var posted = Stopwatch.StartNew();
        var outcome = await services.GetRequiredService<EventApiWriter>().WriteAsync(events, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(
            $"posted {outcome.Accepted} events for {user} ({string.Join(", ", events.Select(e => $"{e.EventType} {e.ItemId}"))}) to [grey]{outcome.BlobName}[/]");

        var deadline = TimeSpan.FromSeconds(30);
        while (true)
        {
            var after = (await recommender.GetForUserAsync(user, 5, cancellationToken)).Value;
            if (after is { Strategy: RecommendationStrategy.Fresh } || after is null || posted.Elapsed > deadline)
            {
                var took = posted.Elapsed;
                if (after is not null)
                {
                    RecommendCommand.Print(user + " (after)", after);
                }

                return took;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
