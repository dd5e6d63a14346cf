using Microsoft.DurableTask;

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

    private static readonly TaskOptions s_retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    public static async Task<TrainingOutcome> RunAsync(TaskOrchestrationContext context, TrainingRequest request)
    {
        var run = new TrainingRun(RunIdFor(context.CurrentUtcDateTime, context.NewGuid()), request.Reason);
        var outcome = await TrainAsync(context, run);

        // Batches that landed (or users forgotten) while this run went on were not in its snapshot: go again.
        var inputs = await context.CallActivityAsync<TrainingInputs>(PipelineActivities.CountInputs, run, s_retry);
        if (inputs.Batches > outcome.Snapshot.Batches || inputs.Forgotten > outcome.Snapshot.Forgotten)
        {
            context.ContinueAsNew(new TrainingRequest($"new data arrived during run {run.RunId}"));
        }

        return outcome;
    }

    private static async Task<TrainingOutcome> TrainAsync(TaskOrchestrationContext context, TrainingRun run)
    {
        context.SetCustomStatus(TrainingProgress.Snapshot());
        var snapshot = await context.CallActivityAsync<SnapshotResult>(PipelineActivities.Snapshot, run, s_retry);
        if (snapshot.TrainInteractions == 0 || snapshot.HoldoutInteractions == 0)
        {
            return new TrainingOutcome(run.RunId, snapshot, null, null, null,
                new PromoteResult(false, null, "Not enough processed events to train and evaluate a model.", 0));
        }

        // Profiles and training read the same snapshot and do not depend on each other: fan out.
        context.SetCustomStatus(TrainingProgress.Training(snapshot));
        var profilesTask = context.CallActivityAsync<ProfilesResult>(PipelineActivities.Profiles, snapshot, s_retry);
        var trainTask = context.CallActivityAsync<TrainResult>(PipelineActivities.Train, snapshot, s_retry);
        await Task.WhenAll(profilesTask, trainTask);
        var candidate = await trainTask;

        context.SetCustomStatus(TrainingProgress.Evaluation(candidate));
        var evaluation = await context.CallActivityAsync<EvaluateResult>(
            PipelineActivities.Evaluate, new EvaluateRequest(snapshot, candidate), s_retry);
        context.SetCustomStatus(TrainingProgress.Promotion(evaluation));
        var promotion = await context.CallActivityAsync<PromoteResult>(
            PipelineActivities.Promote, new PromoteRequest(snapshot, candidate, evaluation, run.Reason), s_retry);
        return new TrainingOutcome(run.RunId, snapshot, await profilesTask, candidate, evaluation, promotion);
    }

    /// <summary>A sortable run id: UTC time plus a short deterministic suffix.</summary>
    public static string RunIdFor(DateTime utc, Guid guid) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{utc:yyyyMMdd-HHmmss}-{guid:N}")[..22];
}

/// <summary>Activity names, shared by the function triggers and the local hosts.</summary>
public static class PipelineActivities
{
    public const string Snapshot = "SnapshotInteractions";
    public const string Profiles = "BuildProfiles";
    public const string Train = "TrainCandidate";
    public const string Evaluate = "EvaluateCandidate";
    public const string Promote = "PromoteCandidate";
    public const string CountInputs = "CountTrainingInputs";
}
