using System.CommandLine;
using System.CommandLine.Invocation;
using Tailor.Cli.Commands;
using Tailor.Cli.Errors;

namespace Tailor.Cli;

/// <summary>The <c>tailor</c> command line: its commands, and the one place that turns a mistake or a known
/// failure into one line on the error writer and an exit code (2 for usage errors), without a stack trace.</summary>
public static class TailorCli
{
    public static RootCommand CreateRootCommand() => new("tailor — personalized recommendations from user-behaviour events")
    {
        GenerateCommand.Create(),
        UploadCommand.Create(),
        IngestCommand.Create(),
        CatalogCommand.Create(),
        TrainCommand.Create(),
        RecommendCommand.Create(),
        SegmentsCommand.Create(),
        MetricsCommand.Create(),
        EvaluateCommand.Create(),
        PruneCommand.Create(),
        ErasureCommand.Create(),
        StatsCommand.Create(),
        BenchCommand.Create(),
        ServeCommand.Create(),
        DemoCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = CreateRootCommand().Parse(args);
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"{parse.CommandResult.Command.Name}: {parse.Errors[0].Message} (see --help)").ConfigureAwait(false);
            return CliFailure.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CliFailure.Describe(ex) is { } failure)
        {
            await error.WriteLineAsync($"{parse.CommandResult.Command.Name}: {OneLine(failure.Message)}").ConfigureAwait(false);
            return failure.ExitCode;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
