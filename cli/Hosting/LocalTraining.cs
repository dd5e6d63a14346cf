using System.Diagnostics;
using System.Text.Json;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Tailor.Pipeline;

namespace Tailor.Cli.Hosting;

/// <summary>Runs one training orchestration on the local Durable Task Framework host and waits for it,
/// reporting each stage the orchestration starts (its custom status) as it is seen.</summary>
public static class LocalTraining
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<TrainingOutcome> RunAsync(
        string connection, IServiceProvider services, ILoggerFactory loggerFactory, string reason, TimeSpan timeout, CancellationToken cancellationToken,
        string taskHub = LocalDurableHost.DefaultTaskHub, Action<TrainingProgress>? progress = null)
    {
        await using var host = await LocalDurableHost.StartAsync(connection, services, loggerFactory, taskHub);
        var instance = await host.Client.CreateOrchestrationInstanceAsync(
            TrainingPipeline.Name, string.Empty, TrainingPipeline.InstanceId, new TrainingRequest(reason));
        var state = await WaitAsync(host.Client, instance.InstanceId, timeout, progress, cancellationToken);

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
