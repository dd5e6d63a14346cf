using Microsoft.DurableTask;
using Tailor.Pipeline.Tasks;

namespace Tailor.Pipeline;

/// <summary>
/// The training orchestration: snapshot → (profiles ∥ train) → evaluate → promote, then again (continue-as-new)
/// when batches landed meanwhile. A plain method over
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
        var outcome = await TrainAsync(context, run);

        // Batches that landed (or users forgotten) while this run went on were not in its snapshot: go again.
        var inputs = await context.CountTrainingInputsAsync(run);
        if (inputs.Batches > outcome.Snapshot.Batches || inputs.Forgotten > outcome.Snapshot.Forgotten)
        {
            context.ContinueAsNew(new TrainingRequest($"new data arrived during run {run.RunId}"));
        }

        return outcome;
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

        context.SetCustomStatus(TrainingProgress.Evaluation(candidate));
        var evaluation = await context.EvaluateCandidateAsync(new EvaluateRequest(snapshot, candidate));
        context.SetCustomStatus(TrainingProgress.Promotion(evaluation));
        var promotion = await context.PromoteCandidateAsync(
            new PromoteRequest(snapshot, candidate, evaluation, run.Reason));
        return new TrainingOutcome(run.RunId, snapshot, await profilesTask, candidate, evaluation, promotion);
    }

    /// <summary>A sortable run id: UTC time plus a short deterministic suffix.</summary>
    public static string RunIdFor(DateTime utc, Guid guid) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{utc:yyyyMMdd-HHmmss}-{guid:N}")[..22];
}
