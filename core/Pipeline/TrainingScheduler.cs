using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tailor.Pipeline;

/// <summary>
/// Starts the singleton training orchestration when none is running, or hands the request to the running one
/// (see <see cref="TrainingRequests"/>): it then either continues as a new run after its final check, or — when
/// it has already made that check — this scheduler waits for it to finish and starts the next run.
/// Runs asked for by uploads are debounced (<see cref="PipelineOptions.QuietSeconds"/>, <see cref="PipelineOptions.MaxDelaySeconds"/>).
/// </summary>
public sealed partial class TrainingScheduler(TrainingRequests requests, IOptions<PipelineOptions> options, ILogger<TrainingScheduler> logger)
{
    private static readonly TimeSpan s_finishTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_finishPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns the instance id and whether this call started a new run. With <paramref name="debounce"/>
    /// the run waits for uploads to go quiet first.</summary>
    public async Task<(string InstanceId, bool Started)> RequestAsync(
        DurableTaskClient client, string reason, CancellationToken cancellationToken = default, bool debounce = true)
    {
        var handed = await BeginRequestAsync(client, reason, cancellationToken, debounce).ConfigureAwait(false);
        return await handed.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The part of a request that decides, at once, where it goes: started, handed to the running run,
    /// or after the running run (which has made its final check). <see cref="HandedRequest.CompleteAsync"/> does the
    /// waiting the last case needs.</summary>
    public async Task<HandedRequest> BeginRequestAsync(
        DurableTaskClient client, string reason, CancellationToken cancellationToken = default, bool debounce = true)
    {
        var existing = await client.GetInstanceAsync(TrainingPipeline.InstanceId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && IsActive(existing.RuntimeStatus))
        {
            if (await requests.TryMarkPendingAsync(cancellationToken).ConfigureAwait(false))
            {
                LogJoined(logger, TrainingPipeline.InstanceId, reason);
                return new HandedRequest(this, client, reason, debounce, HandedRequest.Outcome.Joined);
            }

            LogAfterRun(logger, TrainingPipeline.InstanceId, reason);
            return new HandedRequest(this, client, reason, debounce, HandedRequest.Outcome.AfterRunningRun);
        }

        return new HandedRequest(this, client, reason, debounce,
            await StartAsync(client, reason, debounce, cancellationToken).ConfigureAwait(false)
                ? HandedRequest.Outcome.Started : HandedRequest.Outcome.Joined);
    }

    /// <summary>Waits for the running instance (past its final check) to finish, then starts the next run.</summary>
    internal async Task<bool> StartAfterRunningRunAsync(DurableTaskClient client, string reason, bool debounce, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(s_finishTimeout);
        while (true)
        {
            var now = await client.GetInstanceAsync(TrainingPipeline.InstanceId, deadline.Token).ConfigureAwait(false);
            if (now is null || !IsActive(now.RuntimeStatus))
            {
                return await StartAsync(client, reason, debounce, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(s_finishPoll, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the request flag and starts a run; false when another caller started one first (joined).</summary>
    private async Task<bool> StartAsync(DurableTaskClient client, string reason, bool debounce, CancellationToken cancellationToken)
    {
        var pipeline = options.Value;
        var request = new TrainingRequest(reason)
        {
            QuietSeconds = debounce ? pipeline.QuietSeconds : 0,
            MaxDelaySeconds = debounce ? pipeline.MaxDelaySeconds : 0,
        };
        await requests.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                TrainingPipeline.Name, request, new StartOrchestrationOptions(TrainingPipeline.InstanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another caller may have started it between our read and our start: join that run if so (the flag
            // is open, so that run's final check will see a request).
            var now = await client.GetInstanceAsync(TrainingPipeline.InstanceId, cancellationToken).ConfigureAwait(false);
            if (now is null || !IsActive(now.RuntimeStatus) || !await requests.TryMarkPendingAsync(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            LogRaceJoined(logger, TrainingPipeline.InstanceId, ex.Message);
            return false;
        }

        LogStarted(logger, TrainingPipeline.InstanceId, reason, request.QuietSeconds);
        return true;
    }

    internal static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} started ({QuietSeconds} s quiet period): {Reason}")]
    private static partial void LogStarted(ILogger logger, string instanceId, string reason, int quietSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} already running; it will train again for: {Reason}")]
    private static partial void LogJoined(ILogger logger, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} is finishing; the next run starts after it for: {Reason}")]
    private static partial void LogAfterRun(ILogger logger, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {InstanceId} was started concurrently; joined it ({Detail})")]
    private static partial void LogRaceJoined(ILogger logger, string instanceId, string detail);
}
