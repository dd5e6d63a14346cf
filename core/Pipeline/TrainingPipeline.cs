using Microsoft.DurableTask;

namespace Tailor.Pipeline;

/// <summary>
/// The training orchestration: snapshot → (profiles ∥ train) → evaluate → promote. A plain method over
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
        var runId = RunIdFor(context.CurrentUtcDateTime, context.NewGuid());
        var snapshot = await context.CallActivityAsync<SnapshotResult>(
            PipelineActivities.Snapshot, new TrainingRun(runId, request.Reason), s_retry);
        if (snapshot.TrainInteractions == 0 || snapshot.HoldoutInteractions == 0)
        {
            return new TrainingOutcome(runId, snapshot, null, null, null,
                new PromoteResult(false, null, "Not enough processed events to train and evaluate a model.", 0));
        }

        // Profiles and training read the same snapshot and do not depend on each other: fan out.
        var profilesTask = context.CallActivityAsync<ProfilesResult>(PipelineActivities.Profiles, snapshot, s_retry);
        var trainTask = context.CallActivityAsync<TrainResult>(PipelineActivities.Train, snapshot, s_retry);
        await Task.WhenAll(profilesTask, trainTask);
        var candidate = await trainTask;

        var evaluation = await context.CallActivityAsync<EvaluateResult>(
            PipelineActivities.Evaluate, new EvaluateRequest(snapshot, candidate), s_retry);
        var promotion = await context.CallActivityAsync<PromoteResult>(
            PipelineActivities.Promote, new PromoteRequest(snapshot, candidate, evaluation, request.Reason), s_retry);
        return new TrainingOutcome(runId, snapshot, await profilesTask, candidate, evaluation, promotion);
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
}
