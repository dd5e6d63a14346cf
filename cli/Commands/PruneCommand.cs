using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Hosting;
using Tailor.Retention;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor prune</c>: what the retention timer does, now: deletes old runs, model versions beyond
/// the newest ones kept, and crashed promotions (never the serving or a pinned version), and prints what it deleted.</summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var runDays = new Option<int?>("--run-days") { Description = "Delete run folders older than this many days (default: Tailor__Retention__RunDays, else 7)." };
        var keepVersions = new Option<int?>("--keep-versions") { Description = "Keep this many newest model versions (default: Tailor__Retention__KeepVersions, else 10)." };
        var connection = CommonOptions.Connection();
        var command = new Command("prune", "Delete old training runs, model versions and crashed promotions as the retention timer would")
        {
            runDays, keepVersions, connection,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(runDays) is { } days)
            {
                settings[$"{RetentionOptions.Section}:{nameof(RetentionOptions.RunDays)}"] = days.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(keepVersions) is { } keep)
            {
                settings[$"{RetentionOptions.Section}:{nameof(RetentionOptions.KeepVersions)}"] = keep.ToString(CultureInfo.InvariantCulture);
            }

            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString, settings: settings);
            var summary = await services.GetRequiredService<Pruner>().PruneAsync(cancellationToken);
            Print(parse.InvocationConfiguration.Output, summary);
            return 0;
        });
        return command;
    }

    public static void Print(TextWriter output, PruneSummary summary)
    {
        foreach (var folder in summary.DeletedFolders)
        {
            output.WriteLine($"deleted {folder}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pruned {summary.Runs} runs, {summary.Versions} model versions, {summary.IncompleteVersions} incomplete versions ({summary.ProfileArtifacts} profiles artifacts): {summary.Blobs} blobs, {summary.Bytes:N0} bytes"));
    }
}
