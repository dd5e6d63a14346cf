using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Options;
using Tailor.Events;

namespace Tailor.Cli.Errors;

/// <summary>The one line and exit code for an exception the CLI knows how to explain; unknown exceptions are
/// not described and keep their stack trace, since they are bugs.</summary>
public sealed record CliFailure(string Message, int ExitCode)
{
    public const int Usage = 2;
    public const int Failed = 1;

    public static CliFailure? Describe(Exception exception) => exception switch
    {
        UsageException e => new(e.Message, Usage),
        StorageUnreachableException e => new(e.Message, Failed),
        OptionsValidationException e => new("invalid setting: " + string.Join(" ", e.Failures), Usage),
        EventFileRejectedException e => new("event file rejected: " + PrintableText.Escape(e.Reason), Failed),
        FileNotFoundException e => new($"no such file '{e.FileName}'.", Usage),
        DirectoryNotFoundException e => new(e.Message, Usage),
        UnauthorizedAccessException e => new(e.Message, Failed),
        TimeoutException e => new(e.Message, Failed),
        OperationCanceledException => new("cancelled.", 130),
        AggregateException { InnerExceptions.Count: > 0 } e when Describe(e.InnerExceptions[0]) is { } inner => inner,
        RequestFailedException { Status: 0 } e => new("cannot reach storage: " + Innermost(e).Message, Failed),
        RequestFailedException e => new($"storage refused a request: {e.Status} {e.ErrorCode}", Failed),
        HttpRequestException e when Innermost(e) is SocketException socket => new("cannot reach storage: " + socket.Message, Failed),
        IOException e => new(e.Message, Failed),
        _ => null,
    };

    internal static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
