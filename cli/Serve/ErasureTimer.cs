using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Pipeline;

namespace Tailor.Cli.Serve;

/// <summary>What the Functions app's <c>EraseForgottenUsers</c> timer does, in <c>tailor serve</c>: a pass of
/// <see cref="ErasureScheduling"/> every <see cref="ServeOptions.ErasureSeconds"/> (five minutes unless set), which
/// asks the server's Durable pipeline for training when an erasure needs a model without the users.</summary>
public sealed partial class ErasureTimer(IServiceProvider services, IOptions<ServeOptions> options, TimeProvider time, ILogger<ErasureTimer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ErasureSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var pass = await services.GetRequiredService<ErasureScheduling>()
                    .RunAsync(services.GetRequiredService<DurableTaskClient>(), stoppingToken).ConfigureAwait(false);
                if (pass.Users > 0)
                {
                    LogPass(logger, pass.Users, pass.Completed, pass.NeedsModel);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // As a failed timer invocation: the tombstones still say what is left, the next tick retries.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure pass: {Users} open, {Completed} completed, model needed: {NeedsModel}")]
    private static partial void LogPass(ILogger logger, int users, int completed, bool needsModel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasure pass failed; the next one retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
