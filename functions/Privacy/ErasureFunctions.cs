using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tailor.Pipeline;
using Tailor.Privacy;

namespace Tailor.Functions.Privacy;

/// <summary>Runs the erasure worker every five minutes (well inside the default 60-minute bound,
/// <c>Tailor:Privacy:ErasureMinutes</c>); it asks for training when the erasure needs a model without the users.</summary>
public sealed class ErasureFunctions(ErasureScheduling erasure)
{
    [Function("EraseForgottenUsers")]
    public Task<ErasurePass> Erase(
        [TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        erasure.RunAsync(durable, cancellationToken);
}
