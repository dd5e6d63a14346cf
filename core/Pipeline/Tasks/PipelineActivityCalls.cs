using Microsoft.DurableTask;

namespace Tailor.Pipeline.Tasks;

/// <summary>Typed calls of the pipeline's activities from an orchestration, each through its descriptor in
/// <see cref="PipelineTaskList"/> and with the pipeline's retry policy, so a name cannot meet the wrong types.</summary>
public static class PipelineActivityCalls
{
    private static readonly TaskOptions s_retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    public static Task<TOutput> CallAsync<TInput, TOutput>(
        this TaskOrchestrationContext context, PipelineActivity<TInput, TOutput> activity, TInput input) =>
        context.CallActivityAsync<TOutput>(activity.Name, input, s_retry);

    public static Task<SnapshotResult> SnapshotInteractionsAsync(this TaskOrchestrationContext context, TrainingRun run) =>
        context.CallAsync(PipelineTaskList.Snapshot, run);

    public static Task<TrainingInputs> CountTrainingInputsAsync(this TaskOrchestrationContext context, TrainingRun run) =>
        context.CallAsync(PipelineTaskList.CountInputs, run);

    public static Task<TrainingRun> OpenTrainingRunAsync(this TaskOrchestrationContext context, TrainingRun run) =>
        context.CallAsync(PipelineTaskList.OpenRun, run);

    public static Task<RunClosing> CloseTrainingRunAsync(this TaskOrchestrationContext context, SnapshotResult snapshot) =>
        context.CallAsync(PipelineTaskList.CloseRun, snapshot);

    public static Task<ProfilesResult> BuildProfilesAsync(this TaskOrchestrationContext context, SnapshotResult snapshot) =>
        context.CallAsync(PipelineTaskList.Profiles, snapshot);

    public static Task<TrainResult> TrainCandidateAsync(this TaskOrchestrationContext context, SnapshotResult snapshot) =>
        context.CallAsync(PipelineTaskList.Train, snapshot);

    public static Task<ProfilesResult> SegmentUsersAsync(this TaskOrchestrationContext context, SegmentRequest request) =>
        context.CallAsync(PipelineTaskList.Segments, request);

    public static Task<EvaluateResult> EvaluateCandidateAsync(this TaskOrchestrationContext context, EvaluateRequest request) =>
        context.CallAsync(PipelineTaskList.Evaluate, request);

    public static Task<PromoteResult> PromoteCandidateAsync(this TaskOrchestrationContext context, PromoteRequest request) =>
        context.CallAsync(PipelineTaskList.Promote, request);
}
