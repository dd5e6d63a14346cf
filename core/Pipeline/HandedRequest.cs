using Microsoft.DurableTask.Client;

namespace Tailor.Pipeline;

/// <summary>Where a training request went (<see cref="TrainingScheduler.BeginRequestAsync"/>), and the rest of
/// it: a request queued behind a finishing run starts the next run once that one is done.</summary>
public sealed class HandedRequest
{
    private readonly TrainingScheduler _scheduler;
    private readonly DurableTaskClient _client;
    private readonly string _reason;
    private readonly bool _debounce;

    internal HandedRequest(TrainingScheduler scheduler, DurableTaskClient client, string reason, bool debounce, Outcome where)
    {
        _scheduler = scheduler;
        _client = client;
        _reason = reason;
        _debounce = debounce;
        Where = where;
    }

    public enum Outcome
    {
        /// <summary>This request started a run.</summary>
        Started,

        /// <summary>The running run will see the request at its final check and go again.</summary>
        Joined,

        /// <summary>The running run has made its final check; the next run starts when it is done.</summary>
        AfterRunningRun,
    }

    public Outcome Where { get; }

    /// <summary>The instance id and whether this request started a run (waiting for a finishing run first).</summary>
    public async Task<(string InstanceId, bool Started)> CompleteAsync(CancellationToken cancellationToken = default) => Where switch
    {
        Outcome.Started => (TrainingPipeline.InstanceId, true),
        Outcome.Joined => (TrainingPipeline.InstanceId, false),
        _ => (TrainingPipeline.InstanceId,
            await _scheduler.StartAfterRunningRunAsync(_client, _reason, _debounce, cancellationToken).ConfigureAwait(false)),
    };
}
