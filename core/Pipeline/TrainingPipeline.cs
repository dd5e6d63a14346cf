using Microsoft.DurableTask;
using Tailor.Pipeline.Tasks;

namespace Tailor.Pipeline;

/// <summary>
/// The training orchestration: wait for uploads to go quiet (durable timers, bounded by a maximum delay) →
/// snapshot → (profiles ∥ train) → segments → evaluate → promote → final check, then again (continue-as-new) when batches
/// landed or training was requested meanwhile. A plain method over
/// <see cref="TaskOrchestrationContext"/>, so the Functions trigger, the CLI's Durable Task Framework host
/// and the in-process test host all run the same code. Deterministic: time and ids come from the context.
/// </summary>
public static class TrainingPipeline
{
    public const string Name = "TrainingPipeline";

    /// <summary>The fixed instance id that keeps two runs from overlapping.</summary>
    public const string InstanceId = "tailor-training";

    public static async Task<TrainingOutcome> RunAsync(TaskOrchestrationContext context, TrainingRequest request)
    {
        var run = new TrainingRun(RunIdFor(context.CurrentUtcDateTime, context.NewGuid()), request.Reason);
        await WaitForQuietAsync(context, request, run);
        await context.OpenTrainingRunAsync(run);
        var outcome = await TrainAsync(context, run);

        // Batches that landed (or users forgotten, or training asked for) while this run went on were not in its
        // snapshot: go again, debounced like the request that started this run.
        var closing = await context.CloseTrainingRunAsync(outcome.Snapshot);
        if (closing.ContinueAsNew)
        {
            context.ContinueAsNew(request with { Reason = closing.Reason, RequestedAt = context.CurrentUtcDateTime });
        }

        return outcome;
    }

    /// <summary>Waits (durable timers) until no batch was processed for the request's quiet period, or until its
    /// maximum delay has passed since it was asked for, whichever comes first.</summary>
    private static async Task WaitForQuietAsync(TaskOrchestrationContext context, TrainingRequest request, TrainingRun run)
    {
        if (request.QuietSeconds <= 0)
        {
            return;
        }

        var deadline = (request.RequestedAt ?? context.CurrentUtcDateTime).AddSeconds(request.MaxDelaySeconds);
        while (true)
        {
            var inputs = await context.CountTrainingInputsAsync(run);
            var now = context.CurrentUtcDateTime;
            if (inputs.LatestBatchAt is not { } latest || now >= deadline)
            {
                return;
            }

            var quietAt = latest.UtcDateTime.AddSeconds(request.QuietSeconds);
            if (quietAt <= now)
            {
                return;
            }

            context.SetCustomStatus(TrainingProgress.Waiting(quietAt < deadline ? quietAt : deadline));
            await context.CreateTimer(quietAt < deadline ? quietAt : deadline, CancellationToken.None);
        }
    }

    private static async Task<TrainingOutcome> TrainAsync(TaskOrchestrationContext context, TrainingRun run)
    {
        context.SetCustomStatus(TrainingProgress.Snapshot());
        var snapshot = await context.SnapshotInteractionsAsync(run);
        if (snapshot.TrainInteractions == 0 || snapshot.HoldoutInteractions == 0)
        {
            return new TrainingOutcome(run.RunId, snapshot, null, null, null,
                new PromoteResult(false, null, "Not enough processed events to train and evaluate a model.", 0));
        }

        // Profiles and training read the same snapshot and do not depend on each other: fan out.
        context.SetCustomStatus(TrainingProgress.Training(snapshot));
        var profilesTask = context.BuildProfilesAsync(snapshot);
        var trainTask = context.TrainCandidateAsync(snapshot);
        await Task.WhenAll(profilesTask, trainTask);
        var candidate = await trainTask;

        // Segments need both: the profile features and the candidate's user factors.
        var profiles = await context.SegmentUsersAsync(new SegmentRequest(snapshot, await profilesTask, candidate));

        context.SetCustomStatus(TrainingProgress.Evaluation(candidate));
        var evaluation = await context.EvaluateCandidateAsync(new EvaluateRequest(snapshot, candidate));
        context.SetCustomStatus(TrainingProgress.Promotion(evaluation));
        var promotion = await context.PromoteCandidateAsync(
            new PromoteRequest(snapshot, candidate, evaluation, run.Reason));
        return new TrainingOutcome(run.RunId, snapshot, profiles, candidate, evaluation, promotion);
    }

    /// <summary>A sortable run id: UTC time plus a short deterministic suffix.</summary>
    public static string RunIdFor(DateTime utc, Guid guid) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{utc:yyyyMMdd-HHmmss}-{guid:N}")[..22];
}
