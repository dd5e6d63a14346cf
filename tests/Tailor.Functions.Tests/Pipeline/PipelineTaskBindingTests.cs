using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Tailor.Functions.Pipeline;
using Tailor.Pipeline.Tasks;

namespace Tailor.Tests.Pipeline;

/// <summary>The Functions app binds each durable task by attribute (the worker's metadata is generated from
/// them at build time), so these tests hold those bindings to <see cref="PipelineTaskList"/>.</summary>
public sealed class PipelineTaskBindingTests
{
    private sealed record Binding(string Name, Type Input, Type Output);

    [Fact]
    public void The_functions_app_binds_exactly_the_listed_activities_with_their_input_and_output_types()
    {
        var expected = PipelineTaskList.Activities
            .Select(a => new Binding(a.Name, a.InputType, typeof(Task<>).MakeGenericType(a.OutputType)));

        var bound = FunctionMethods()
            .Select(m => (Method: m, Trigger: m.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null)))
            .Where(m => m.Trigger is not null)
            .Select(m => new Binding(m.Method.GetCustomAttribute<FunctionAttribute>()!.Name, m.Trigger!.ParameterType, m.Method.ReturnType));

        Assert.Equal(expected.OrderBy(b => b.Name, StringComparer.Ordinal), bound.OrderBy(b => b.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void The_functions_app_binds_the_listed_orchestration_with_its_output_type()
    {
        var orchestrators = FunctionMethods()
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null));

        var method = Assert.Single(orchestrators);
        var training = PipelineTaskList.Training;
        Assert.Equal(training.Name, method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal(typeof(Task<>).MakeGenericType(training.OutputType), method.ReturnType);
    }

    [Fact]
    public void The_pipeline_functions_are_the_orchestration_and_the_activities_and_nothing_else()
    {
        var names = FunctionMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name);

        string[] expected = [PipelineTaskList.Training.Name, .. PipelineTaskList.Activities.Select(a => a.Name)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<MethodInfo> FunctionMethods() =>
        typeof(TrainingPipelineFunctions)
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);
}
