using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tailor.Feedback;
using Tailor.Hosting;
using Tailor.Storage;

namespace Tailor.Cli.Hosting;

/// <summary>Builds the same services the Functions app uses, for the CLI's in-process stages.</summary>
public static class CliServices
{
    /// <summary>Where the storage connection comes from, first match wins: the <c>--connection</c> option,
    /// the <c>Tailor__Storage__ConnectionString</c> environment variable, the connection file the repository's
    /// Azurite script writes (<c>.azurite/connection</c>), then <c>UseDevelopmentStorage=true</c>.</summary>
    public static string ResolveConnection(string? explicitConnection)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection))
        {
            return explicitConnection;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("Tailor__Storage__ConnectionString");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var file = AzuriteScript.ConnectionFile();
        return file is not null && File.Exists(file) ? File.ReadAllText(file).Trim() : "UseDevelopmentStorage=true";
    }

    /// <summary>The app's services over <paramref name="connection"/>; environment variables
    /// (<c>Tailor__…</c>) and then <paramref name="settings"/> override the defaults.</summary>
    public static ServiceProvider Build(string connection, LogLevel logLevel = LogLevel.Warning, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{StorageOptions.Section}:ConnectionString"] = connection })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // On a console only errors of the SDKs matter: the Azure SDK logs expected 404s and 409s (probing for
        // blobs, creating what exists) as warnings, the Durable Task Framework slow partition-table polls.
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel).AddLibraryLogFilters(LogLevel.Error));
        services.AddTailor(configuration);
        services.AddTailorTelemetry(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // No host starts the telemetry providers here: resolve them so the CLI's stages are measured too
        // (they export when the provider is disposed, if an exporter is configured).
        _ = provider.GetService<MeterProvider>();
        _ = provider.GetService<TracerProvider>();

        // Nor does a host stop the impressions flusher: created here, it is disposed with the provider, which flushes
        // what a one-shot command served (`tailor recommend`).
        _ = provider.GetRequiredService<ImpressionFlusher>();
        return provider;
    }
}
