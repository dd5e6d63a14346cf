using Microsoft.DurableTask;

namespace Tailor.Pipeline.Tasks;

/// <summary>The pipeline's orchestration: its name, its input and output types, and the deterministic method
/// every host runs.</summary>
public sealed class PipelineOrchestration<TInput, TOutput>(
    string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
{
    public string Name { get; } = name;

    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);

    /// <summary>The orchestration as the Durable Task SDK runs it.</summary>
    public ITaskOrchestrator CreateOrchestrator() => new BoundOrchestrator(this);

    private sealed class BoundOrchestrator(PipelineOrchestration<TInput, TOutput> orchestration)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) =>
            orchestration.RunAsync(context, input);
    }
}
