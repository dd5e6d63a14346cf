using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tailor.Storage;

/// <summary>
/// Creates every container, table and queue Tailor uses, once per process at start-up, so that an app
/// started on empty storage works from its first trigger. Idempotent. Retries with back-off for at most
/// <see cref="StorageOptions.ProvisionTimeoutSeconds"/>; then logs an error and lets start-up go on, so an
/// unreachable account makes requests fail with the storage error instead of hanging the host.
/// </summary>
public sealed partial class StorageProvisioner(TailorStorage storage, TimeProvider timeProvider, ILogger<StorageProvisioner> logger) : IHostedService
{
    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromSeconds(5);

    /// <summary>True once every container, table and queue is known to exist.</summary>
    public bool IsProvisioned { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken) => ProvisionAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates what is missing; returns false (after logging) when storage stayed unreachable until the deadline.</summary>
    public async Task<bool> ProvisionAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(storage.Options.ProvisionTimeoutSeconds), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = timeProvider.GetTimestamp();
        var delay = s_firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await storage.EnsureCreatedAsync(linked.Token).ConfigureAwait(false);
                IsProvisioned = true;
                LogProvisioned(logger, storage.Containers.Count, storage.TablesUsed.Count, storage.PoisonQueue is null ? 0 : 1,
                    (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
                return true;
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (deadline.IsCancellationRequested)
                {
                    LogGaveUp(logger, attempt, storage.Options.ProvisionTimeoutSeconds, ex);
                    return false;
                }

                LogRetrying(logger, attempt, ex.Message);
                try
                {
                    await Task.Delay(delay, timeProvider, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    LogGaveUp(logger, attempt, storage.Options.ProvisionTimeoutSeconds, ex);
                    return false;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxDelay.Ticks));
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Storage provisioned: {Containers} containers, {Tables} tables, {Queues} queues exist ({ElapsedMs} ms)")]
    private static partial void LogProvisioned(ILogger logger, int containers, int tables, int queues, long elapsedMs);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Provisioning storage failed on attempt {Attempt}, retrying: {Error}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string error);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "Storage could not be provisioned after {Attempts} attempts in {TimeoutSeconds} s; starting anyway, requests will report the storage error")]
    private static partial void LogGaveUp(ILogger logger, int attempts, int timeoutSeconds, Exception exception);
}
