using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Hosting;

namespace Tailor.Testing;

/// <summary>The app's services (<c>AddTailor</c>, as the Functions host and the CLI register them) over
/// in-memory settings, with every registration checked when the provider is built.</summary>
public static class TailorServices
{
    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddTailor(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
