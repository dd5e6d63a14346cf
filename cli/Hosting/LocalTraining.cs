using System.Diagnostics;
using System.Text.Json;
using DurableTask.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Pipeline;

namespace Tailor.Cli.Hosting;

/// <summary>Runs one training orchestration on the local Durable Task Framework host and waits for it,
/// reporting each stage the orchestration starts (its custom status) as it is seen. An instance left running
/// by a killed process is resumed, or restarted when stale (<see cref="StaleRunRule"/>).</summary>
public static class LocalTraining
{
    /// <summary>Configuration key naming the task hub (default <see cref="LocalDurableHost.DefaultTaskHub"/>).</summary>
    public const string TaskHubSetting = "Tailor:Cli:TaskHub";

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly OrchestrationStatus[] s_active =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew];

    public static async Task<TrainingOutcome> RunAsync(
        string connection, IServiceProvider services, ILoggerFactory loggerFactory, string reason, TimeSpan timeout, CancellationToken cancellationToken,
        string? taskHub = null, Action<TrainingProgress>? progress = null, TimeSpan? staleAfter = null)
    {
        taskHub ??= services.GetService<IConfiguration>()?[TaskHubSetting] is { Length: > 0 } configured ? configured : LocalDurableHost.DefaultTaskHub;
        await using var host = await LocalDurableHost.StartAsync(connection, services, loggerFactory, taskHub);
        var existing = await host.Client.GetOrchestrationStateAsync(TrainingPipeline.InstanceId);
        var decision = StaleRunRule.Decide(existing, DateTime.UtcNow, staleAfter ?? StaleRunRule.DefaultStaleAfter);
        if (decision == RunDecision.Resume)
        {
            progress?.Invoke(new TrainingProgress("resuming", $"a run left by an earlier process (last step {existing!.LastUpdatedTime:HH:mm:ss} UTC)"));
        }
        else
        {
            if (decision == RunDecision.Restart)
            {
                progress?.Invoke(new TrainingProgress("restarting", $"a run without progress since {existing!.LastUpdatedTime:HH:mm:ss} UTC"));
                await host.Client.TerminateInstanceAsync(existing!.OrchestrationInstance, "stale: no progress, restarted by tailor train");
                await WaitAsync(host.Client, TrainingPipeline.InstanceId, TimeSpan.FromMinutes(2), null, cancellationToken);
            }

            await services.GetRequiredService<TrainingRequests>().OpenAsync(cancellationToken);
            await host.Client.CreateOrchestrationInstanceAsync(
                TrainingPipeline.Name, string.Empty, TrainingPipeline.InstanceId, new TrainingRequest(reason), tags: null, dedupeStatuses: s_active);
        }

        var state = await WaitAsync(host.Client, TrainingPipeline.InstanceId, timeout, progress, cancellationToken);
        if (state.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            var detail = state.FailureDetails?.ErrorMessage ?? state.Output;
            throw new InvalidOperationException($"Training {state.OrchestrationStatus}: {detail}");
        }

        return JsonSerializer.Deserialize<TrainingOutcome>(state.Output, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Training finished without an outcome.");
    }

    /// <summary>Polls the instance (its latest execution, so a run that continues as new is followed) until
    /// it completes, fails or is terminated.</summary>
    private static async Task<OrchestrationState> WaitAsync(
        TaskHubClient client, string instanceId, TimeSpan timeout, Action<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        string? lastStatus = null;
        while (true)
        {
            var state = await client.GetOrchestrationStateAsync(instanceId);
            if (state?.Status is { Length: > 0 } status && status != lastStatus)
            {
                lastStatus = status;
                if (progress is not null && JsonSerializer.Deserialize<TrainingProgress>(status, JsonSerializerOptions.Web) is { } reported)
                {
                    progress(reported);
                }
            }

            if (state?.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed
                or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
            {
                return state;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Training did not finish within {timeout.TotalMinutes:0} minutes (--timeout-minutes).");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }
}
