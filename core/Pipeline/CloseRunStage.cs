namespace Tailor.Pipeline;

/// <summary>A run's final check, after promotion: recount the inputs and read the request flag; the run
/// completes only when nothing arrived and nothing is pending, and then closes the flag atomically (see
/// <see cref="TrainingRequests"/>), so a request that comes later starts the next run itself.</summary>
public sealed class CloseRunStage(SnapshotStage snapshots, TrainingRequests requests)
{
    public async Task<RunClosing> RunAsync(SnapshotResult snapshot, CancellationToken cancellationToken = default)
    {
        TrainingInputs? inputs = null;
        var closed = await requests.TryCloseAsync(async ct =>
        {
            inputs = await snapshots.CountInputsAsync(new TrainingRun(snapshot.RunId, "final count"), ct).ConfigureAwait(false);
            return inputs.Batches > snapshot.Batches || inputs.Forgotten > snapshot.Forgotten;
        }, cancellationToken).ConfigureAwait(false);

        if (closed)
        {
            return new RunClosing(false, "nothing new since the snapshot");
        }

        return inputs is not null && (inputs.Batches > snapshot.Batches || inputs.Forgotten > snapshot.Forgotten)
            ? new RunClosing(true, $"new data arrived during run {snapshot.RunId}")
            : new RunClosing(true, $"training was requested during run {snapshot.RunId}");
    }
}
