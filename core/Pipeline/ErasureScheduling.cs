using Microsoft.DurableTask.Client;
using Tailor.Privacy;

namespace Tailor.Pipeline;

/// <summary>One pass of erasure as the timer and the CLI run it: the <see cref="ErasureWorker"/>, and, when it
/// waits for a model without the users and no run is going, a training request (the run is promoted as the
/// erasure). A run already going needs no request: its final check sees the new tombstones and runs again.</summary>
public sealed class ErasureScheduling(ErasureWorker worker, TrainingScheduler scheduler)
{
    public async Task<ErasurePass> RunAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var pass = await worker.RunAsync(cancellationToken).ConfigureAwait(false);
        if (pass.NeedsModel)
        {
            var running = await client.GetInstanceAsync(TrainingPipeline.InstanceId, cancellationToken).ConfigureAwait(false);
            if (running is null || !TrainingScheduler.IsActive(running.RuntimeStatus))
            {
                await scheduler.RequestAsync(client, pass.TrainingReason, cancellationToken, debounce: !pass.Urgent).ConfigureAwait(false);
            }
        }

        return pass;
    }
}
