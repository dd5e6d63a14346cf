using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tailor.Pipeline;
using Tailor.Pipeline.Tasks;

namespace Tailor.Functions.Pipeline;

/// <summary>Durable triggers for the training orchestration and its activities, one binding per entry of
/// <see cref="PipelineTaskList"/> (the worker's function metadata comes from these attributes at build time;
/// a test holds them to the list). Each runs its descriptor over the invocation's services.</summary>
public static class TrainingPipelineFunctions
{
    [Function(TrainingPipeline.Name)]
    public static Task<TrainingOutcome> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelineTaskList.Training.RunAsync(context, context.GetInput<TrainingRequest>() ?? new TrainingRequest("unspecified"));

    [Function(PipelineTaskList.Names.PlanSnapshot)]
    public static Task<SnapshotPlan> PlanSnapshot([ActivityTrigger] TrainingRun run, FunctionContext context) =>
        PipelineTaskList.PlanSnapshot.RunAsync(context.InstanceServices, run, context.CancellationToken);

    [Function(PipelineTaskList.Names.SnapshotShard)]
    public static Task<SnapshotShardResult> SnapshotShard([ActivityTrigger] SnapshotShardRequest input, FunctionContext context) =>
        PipelineTaskList.SnapshotShard.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.Snapshot)]
    public static Task<SnapshotResult> Snapshot([ActivityTrigger] SnapshotMergeRequest input, FunctionContext context) =>
        PipelineTaskList.Snapshot.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.CountInputs)]
    public static Task<TrainingInputs> CountInputs([ActivityTrigger] TrainingRun run, FunctionContext context) =>
        PipelineTaskList.CountInputs.RunAsync(context.InstanceServices, run, context.CancellationToken);

    [Function(PipelineTaskList.Names.OpenRun)]
    public static Task<TrainingRun> OpenRun([ActivityTrigger] TrainingRun run, FunctionContext context) =>
        PipelineTaskList.OpenRun.RunAsync(context.InstanceServices, run, context.CancellationToken);

    [Function(PipelineTaskList.Names.CloseRun)]
    public static Task<RunClosing> CloseRun([ActivityTrigger] SnapshotResult input, FunctionContext context) =>
        PipelineTaskList.CloseRun.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.Profiles)]
    public static Task<ProfilesResult> Profiles([ActivityTrigger] SnapshotResult input, FunctionContext context) =>
        PipelineTaskList.Profiles.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.Train)]
    public static Task<TrainResult> Train([ActivityTrigger] SnapshotResult input, FunctionContext context) =>
        PipelineTaskList.Train.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.Segments)]
    public static Task<ProfilesResult> Segments([ActivityTrigger] SegmentRequest input, FunctionContext context) =>
        PipelineTaskList.Segments.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.EvaluateShard)]
    public static Task<EvaluateShardResult> EvaluateShard([ActivityTrigger] EvaluateShardRequest input, FunctionContext context) =>
        PipelineTaskList.EvaluateShard.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.Evaluate)]
    public static Task<EvaluateResult> Evaluate([ActivityTrigger] EvaluateMergeRequest input, FunctionContext context) =>
        PipelineTaskList.Evaluate.RunAsync(context.InstanceServices, input, context.CancellationToken);

    [Function(PipelineTaskList.Names.Promote)]
    public static Task<PromoteResult> Promote([ActivityTrigger] PromoteRequest input, FunctionContext context) =>
        PipelineTaskList.Promote.RunAsync(context.InstanceServices, input, context.CancellationToken);
}
