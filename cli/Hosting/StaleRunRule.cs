using DurableTask.Core;

namespace Tailor.Cli.Hosting;

/// <summary>What <c>tailor train</c> does with the singleton training instance it finds.</summary>
public enum RunDecision
{
    /// <summary>None, or a finished one: start a new run.</summary>
    Start,

    /// <summary>One left running by a process that died: this process's worker picks up its queued work (an
    /// activity the dead process had taken reappears within the work-item visibility timeout) and joins it.</summary>
    Resume,

    /// <summary>One without progress for longer than the stale limit: terminate it and start a new run.</summary>
    Restart,
}

/// <summary>
/// The rule for a training instance found active when <c>tailor train</c> starts: resume it, unless its last
/// recorded step is older than the stale limit (default <see cref="DefaultStaleAfter"/>), in which case it is
/// terminated and a new run starts. A run's stages are idempotent (stage records), so resuming never redoes a
/// finished stage; restarting starts a new run id and does the work again.
/// </summary>
public static class StaleRunRule
{
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(30);

    public static RunDecision Decide(OrchestrationState? state, DateTime utcNow, TimeSpan staleAfter)
    {
        if (state is null || state.OrchestrationStatus is not (OrchestrationStatus.Running or OrchestrationStatus.Pending or OrchestrationStatus.ContinuedAsNew))
        {
            return RunDecision.Start;
        }

        return utcNow - state.LastUpdatedTime > staleAfter ? RunDecision.Restart : RunDecision.Resume;
    }
}
