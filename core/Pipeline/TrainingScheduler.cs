using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Tailor.Pipeline;

/// <summary>Starts the singleton training orchestration when none is running, or joins the running one.</summary>
public sealed partial class TrainingScheduler(ILogger<TrainingScheduler> logger)
{
    /// <summary>Returns the instance id and whether this call started a new run.</summary>
    public async Task<(string InstanceId, bool Started)> RequestAsync(DurableTaskClient client, string reason, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(TrainingPipeline.InstanceId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && IsActive(existing.RuntimeStatus))
        {
            LogJoined(logger, TrainingPipeline.InstanceId, reason);
            return (TrainingPipeline.InstanceId, false);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                TrainingPipeline.Name,
                new TrainingRequest(reason),
                new StartOrchestrationOptions(TrainingPipeline.InstanceId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another caller may have started it between our read and our start: join that run if so.
            var now = await client.GetInstanceAsync(TrainingPipeline.InstanceId, cancellationToken).ConfigureAwait(false);
            if (now is null || !IsActive(now.RuntimeStatus))
            {
                throw;
            }

            LogRaceJoined(logger, TrainingPipeline.InstanceId, ex.Message);
            return (TrainingPipeline.InstanceId, false);
        }

        LogStarted(logger, TrainingPipeline.InstanceId, reason);
        return (TrainingPipeline.InstanceId, true);
    }

    private static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} started: {Reason}")]
    private static partial void LogStarted(ILogger logger, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} already running; joined it for: {Reason}")]
    private static partial void LogJoined(ILogger logger, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} was started concurrently; joined it ({Detail})")]
    private static partial void LogRaceJoined(ILogger logger, string instanceId, string detail);
}
