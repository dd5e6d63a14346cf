using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Testing;

namespace Tailor.Tests.Pipeline;

public sealed class FunctionActivationTests
{
    public static TheoryData<string> FunctionClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(Tailor.Functions.Ingestion.IngestEventsFunctions).Assembly.GetTypes())
        {
            // Instance classes only: the host builds those from the app's registrations (static ones need none).
            if (!type.IsAbstract && type.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            {
                data.Add(type.FullName!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void Every_function_class_can_be_built_from_the_apps_registrations(string typeName)
    {
        using var provider = TailorServices.Build(IsolatedSettings.Create("UseDevelopmentStorage=true"));
        var type = typeof(Tailor.Functions.Ingestion.IngestEventsFunctions).Assembly.GetType(typeName)!;

        Assert.NotNull(ActivatorUtilities.CreateInstance(provider, type));
    }
}
