using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tailor.Functions;

namespace Tailor.Tests.Hosting;

/// <summary>
/// The Functions app's own host, built as <c>Program</c> builds it (<see cref="FunctionsApplication.CreateBuilder(string[])"/>
/// and <see cref="TailorFunctionsApp.Configure"/>) over test settings, with every registration checked. Only the
/// hosted services that talk to a Functions host (the worker's gRPC channel) or serve HTTP (the ASP.NET Core
/// integration's Kestrel) are left out: there is no host here to connect to. Everything else the app registers
/// starts as in Azure, including option validation on start, Tailor's own hosted services and OpenTelemetry's.
/// </summary>
internal static class FunctionsAppHost
{
    public static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        TailorFunctionsApp.Configure(builder);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));

        var hostConnected = builder.Services
            .Where(d => d.ServiceType == typeof(IHostedService) && !StartsWithoutAHost(d))
            .ToList();
        foreach (var descriptor in hostConnected)
        {
            builder.Services.Remove(descriptor);
        }

        return builder.Build();
    }

    /// <summary>The hosted services the app registered that are not Tailor's: what <see cref="Build"/> leaves out.</summary>
    public static IReadOnlyList<string> LeftOut()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        TailorFunctionsApp.Configure(builder);
        return [.. builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && !StartsWithoutAHost(d)).Select(Name)];
    }

    private static bool StartsWithoutAHost(ServiceDescriptor descriptor) =>
        Name(descriptor).StartsWith("Tailor.", StringComparison.Ordinal) || Name(descriptor).StartsWith("OpenTelemetry.", StringComparison.Ordinal);

    private static string Name(ServiceDescriptor descriptor) =>
        descriptor.ImplementationType?.FullName
        ?? descriptor.ImplementationInstance?.GetType().FullName
        ?? descriptor.ImplementationFactory?.Method.DeclaringType?.FullName
        ?? "?";
}
