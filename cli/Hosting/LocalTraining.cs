using System.Text.Json;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Tailor.Pipeline;

namespace Tailor.Cli.Hosting;

/// <summary>Runs one training orchestration on the local Durable Task Framework host and waits for it.</summary>
public static class LocalTraining
{
    public static async Task<TrainingOutcome> RunAsync(
        string connection, IServiceProvider services, ILoggerFactory loggerFactory, string reason, TimeSpan timeout, CancellationToken cancellationToken,
        string taskHub = LocalDurableHost.DefaultTaskHub)
    {
        await using var host = await LocalDurableHost.StartAsync(connection, services, loggerFactory, taskHub);
        var instanceId = TrainingPipeline.InstanceId;
        var instance = await host.Client.CreateOrchestrationInstanceAsync(
            TrainingPipeline.Name, string.Empty, instanceId, new TrainingRequest(reason));
        var state = await host.Client.WaitForOrchestrationAsync(instance, timeout, cancellationToken);
        if (state is null)
        {
            throw new TimeoutException($"Training did not finish within {timeout.TotalMinutes:0} minutes.");
        }

        if (state.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            var detail = state.FailureDetails?.ErrorMessage ?? state.Output;
            throw new InvalidOperationException($"Training {state.OrchestrationStatus}: {detail}");
        }

        return JsonSerializer.Deserialize<TrainingOutcome>(state.Output, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Training finished without an outcome.");
    }
}
