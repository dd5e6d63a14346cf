using Microsoft.DurableTask;

namespace Tailor.Pipeline.Tasks;

/// <summary>An activity of the training pipeline, seen without its types: what a host needs to register it.</summary>
public interface IPipelineActivity
{
    string Name { get; }

    Type InputType { get; }

    Type OutputType { get; }

    /// <summary>The activity as the Durable Task SDK runs it, resolving its stage from <paramref name="services"/>.</summary>
    ITaskActivity CreateActivity(IServiceProvider services);
}
