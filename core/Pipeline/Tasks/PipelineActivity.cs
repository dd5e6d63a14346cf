using Microsoft.DurableTask;

namespace Tailor.Pipeline.Tasks;

/// <summary>
/// One activity of the training pipeline: its name, its input and output types, and how it runs (resolve the
/// core stage from the host's services, call it). Every host runs an activity through this one delegate.
/// </summary>
public sealed class PipelineActivity<TInput, TOutput>(
    string name, Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> run) : IPipelineActivity
{
    public string Name { get; } = name;

    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public Task<TOutput> RunAsync(IServiceProvider services, TInput input, CancellationToken cancellationToken) =>
        TrainingTelemetry.MeasureStageAsync(Name, () => run(services, input, cancellationToken));

    public ITaskActivity CreateActivity(IServiceProvider services) => new BoundActivity(this, services);

    /// <summary>The activity bound to a host's services. The SDK's activity context carries no cancellation.</summary>
    private sealed class BoundActivity(PipelineActivity<TInput, TOutput> activity, IServiceProvider services)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
            activity.RunAsync(services, input, CancellationToken.None);
    }
}
