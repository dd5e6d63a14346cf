using Microsoft.Azure.Functions.Worker;
using Tailor.Retention;

namespace Tailor.Functions.Retention;

/// <summary>Prunes old runs, model versions and crashed promotions on the schedule in the app setting
/// <c>Tailor:Retention:Schedule</c> (daily by default; see <see cref="RetentionOptions"/>).</summary>
public sealed class RetentionFunctions(Pruner pruner)
{
    [Function("PruneStorage")]
    public Task<PruneSummary> Prune(
        [TimerTrigger("%" + RetentionOptions.Section + ":Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        pruner.PruneAsync(cancellationToken);
}
