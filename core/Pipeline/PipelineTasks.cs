using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Tailor.Pipeline;

/// <summary>Receives the pipeline's orchestrator and activities, typed, so every host registers the same set.</summary>
public interface IPipelineTaskSink
{
    void Orchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run);

    void Activity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> run);
}

/// <summary>The training pipeline's tasks, for hosts outside the Functions runtime (the CLI's Durable Task
/// Framework worker and the in-process test host). The Functions app binds the same methods by trigger.</summary>
public static class PipelineTasks
{
    public static void Describe(IServiceProvider services, IPipelineTaskSink sink)
    {
        sink.Orchestrator<TrainingRequest, TrainingOutcome>(TrainingPipeline.Name, TrainingPipeline.RunAsync);
        sink.Activity<TrainingRun, SnapshotResult>(PipelineActivities.Snapshot, (input, ct) => services.GetRequiredService<SnapshotStage>().RunAsync(input, ct));
        sink.Activity<SnapshotResult, ProfilesResult>(PipelineActivities.Profiles, (input, ct) => services.GetRequiredService<ProfilesStage>().RunAsync(input, ct));
        sink.Activity<SnapshotResult, TrainResult>(PipelineActivities.Train, (input, ct) => services.GetRequiredService<TrainStage>().RunAsync(input, ct));
        sink.Activity<EvaluateRequest, EvaluateResult>(PipelineActivities.Evaluate, (input, ct) => services.GetRequiredService<EvaluateStage>().RunAsync(input, ct));
        sink.Activity<PromoteRequest, PromoteResult>(PipelineActivities.Promote, (input, ct) => services.GetRequiredService<PromoteStage>().RunAsync(input, ct));
        sink.Activity<TrainingRun, TrainingInputs>(PipelineActivities.CountInputs, (input, ct) => services.GetRequiredService<SnapshotStage>().CountInputsAsync(input, ct));
    }

    /// <summary>Registers the pipeline on a <see cref="DurableTaskRegistry"/> (the in-process test host).</summary>
    public static DurableTaskRegistry AddTailorPipeline(this DurableTaskRegistry registry, IServiceProvider services)
    {
        Describe(services, new RegistrySink(registry));
        return registry;
    }

    private sealed class RegistrySink(DurableTaskRegistry registry) : IPipelineTaskSink
    {
        public void Orchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) =>
            registry.AddOrchestratorFunc<TInput, TOutput>(name, run);

        public void Activity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> run) =>
            registry.AddActivityFunc<TInput, TOutput>(name, (_, input) => run(input, CancellationToken.None));
    }
}
