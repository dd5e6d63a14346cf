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

    /// <summary>The run's snapshot: plan, one activity per shard in parallel, then the merge.</summary>
    public static async Task<SnapshotResult> SnapshotInteractionsAsync(this TaskOrchestrationContext context, TrainingRun run)
    {
        var plan = await context.CallAsync(PipelineTaskList.PlanSnapshot, run);
        var shards = new Task<SnapshotShardResult>[plan.Shards];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = context.CallAsync(PipelineTaskList.SnapshotShard, new SnapshotShardRequest(run.RunId, i));
        }

        return await context.CallAsync(PipelineTaskList.Snapshot, new SnapshotMergeRequest(run, plan, await Task.WhenAll(shards)));
    }

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

    /// <summary>The candidate's evaluation: one activity per user range in parallel, then the reduce.</summary>
    public static async Task<EvaluateResult> EvaluateCandidateAsync(this TaskOrchestrationContext context, EvaluateRequest request)
    {
        var shards = new Task<EvaluateShardResult>[Math.Max(1, request.Snapshot.EvaluationShards)];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = context.CallAsync(PipelineTaskList.EvaluateShard, new EvaluateShardRequest(request, i, shards.Length));
        }

        return await context.CallAsync(PipelineTaskList.Evaluate, new EvaluateMergeRequest(request, await Task.WhenAll(shards)));
    }

    public static Task<PromoteResult> PromoteCandidateAsync(this TaskOrchestrationContext context, PromoteRequest request) =>
        context.CallAsync(PipelineTaskList.Promote, request);
}
