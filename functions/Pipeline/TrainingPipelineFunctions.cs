using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tailor.Pipeline;

namespace Tailor.Functions.Pipeline;

/// <summary>Durable triggers for the training orchestration and its activities: binding only; the
/// orchestration and the stages live in the core.</summary>
public sealed class TrainingPipelineFunctions(
    SnapshotStage snapshot,
    ProfilesStage profiles,
    TrainStage train,
    EvaluateStage evaluate,
    PromoteStage promote)
{
    [Function(TrainingPipeline.Name)]
    public static Task<TrainingOutcome> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        TrainingPipeline.RunAsync(context, context.GetInput<TrainingRequest>() ?? new TrainingRequest("unspecified"));

    [Function(PipelineActivities.Snapshot)]
    public Task<SnapshotResult> Snapshot([ActivityTrigger] TrainingRun run, FunctionContext context) =>
        snapshot.RunAsync(run, context.CancellationToken);

    [Function(PipelineActivities.Profiles)]
    public Task<ProfilesResult> Profiles([ActivityTrigger] SnapshotResult input, FunctionContext context) =>
        profiles.RunAsync(input, context.CancellationToken);

    [Function(PipelineActivities.Train)]
    public Task<TrainResult> Train([ActivityTrigger] SnapshotResult input, FunctionContext context) =>
        train.RunAsync(input, context.CancellationToken);

    [Function(PipelineActivities.Evaluate)]
    public Task<EvaluateResult> Evaluate([ActivityTrigger] EvaluateRequest input, FunctionContext context) =>
        evaluate.RunAsync(input, context.CancellationToken);

    [Function(PipelineActivities.CountInputs)]
    public Task<TrainingInputs> CountInputs([ActivityTrigger] TrainingRun run, FunctionContext context) =>
        snapshot.CountInputsAsync(run, context.CancellationToken);

    [Function(PipelineActivities.Promote)]
    public Task<PromoteResult> Promote([ActivityTrigger] PromoteRequest input, FunctionContext context) =>
        promote.RunAsync(input, context.CancellationToken);
}
