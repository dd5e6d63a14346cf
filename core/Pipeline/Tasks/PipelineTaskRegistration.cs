using Microsoft.DurableTask;

namespace Tailor.Pipeline.Tasks;

/// <summary>Registers the pipeline's task list on a <see cref="DurableTaskRegistry"/> (the in-process test host).</summary>
public static class PipelineTaskRegistration
{
    public static DurableTaskRegistry AddTailorPipeline(this DurableTaskRegistry registry, IServiceProvider services)
    {
        registry.AddOrchestrator(PipelineTaskList.Training.Name, PipelineTaskList.Training.CreateOrchestrator());
        foreach (var activity in PipelineTaskList.Activities)
        {
            registry.AddActivity(activity.Name, activity.CreateActivity(services));
        }

        return registry;
    }
}
