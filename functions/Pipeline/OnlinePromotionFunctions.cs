using Microsoft.Azure.Functions.Worker;
using Tailor.Pipeline;

namespace Tailor.Functions.Pipeline;

/// <summary>Judges the challenger the pipeline promoted online (<see cref="PipelineOptions.PromoteOnline"/>) every
/// <see cref="OnlinePromotion.Schedule"/>: promotes it when it wins, drops it when it loses, waits otherwise.</summary>
public sealed class OnlinePromotionFunctions(OnlinePromotion judge)
{
    [Function("JudgeChallenger")]
    public Task<OnlineVerdict> Judge([TimerTrigger(OnlinePromotion.Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        judge.DecideAsync(cancellationToken);
}
