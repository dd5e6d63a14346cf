using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tailor.Feedback;
using Tailor.Ingestion;
using Tailor.Pipeline;
using Tailor.Serving;

namespace Tailor.Hosting;

/// <summary>The one place that sets up observability for every host (the Functions app and the CLI): Tailor's
/// meters and activity sources, the redaction of user ids from spans and log records (before any exporter sees
/// them), and the exporters the environment asks for. Tailor's activity sources are listened to only when an
/// exporter is configured (or <see cref="TelemetryOptions.Traces"/>): otherwise no request creates a span.</summary>
public static class TailorTelemetry
{
    public const string ServiceName = "tailor";

    /// <summary>Azure Monitor's connection string, read by this process only. Not the platform's
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>: the Functions host reads that one too and would export its own
    /// request telemetry, whose URLs hold raw user ids (docs/architecture.md, "Telemetry and user ids").</summary>
    public const string AzureMonitorConnectionSetting = $"{TelemetryOptions.Section}:AzureMonitorConnectionString";

    /// <summary>The OpenTelemetry SDK's standard OTLP endpoint setting.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Client id of the user-assigned identity the app runs as (set by Bicep).</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>Every meter and activity source Tailor defines, one per area.</summary>
    public static IReadOnlyList<string> SourceNames { get; } = [ServingTelemetry.Name, IngestionTelemetry.Name, TrainingTelemetry.Name, FeedbackTelemetry.Name];

    public static OpenTelemetryBuilder AddTailorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        var console = configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Console)}");
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var azureMonitor = configuration[AzureMonitorConnectionSetting];
        var traces = RecordsTraces(configuration);

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                foreach (var name in SourceNames)
                {
                    metrics.AddMeter(name);
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithTracing(tracing =>
            {
                // Redaction first, whatever else records spans (a host's request instrumentation, an exporter added
                // in code): it runs only for spans something records, so it costs nothing when none are.
                tracing.AddProcessor(new UserIdRedaction());
                if (!traces)
                {
                    return;
                }

                tracing.AddSource([.. SourceNames]);
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithLogging(logging => logging.AddProcessor(new UserIdLogRedaction()));

        if (otlp)
        {
            builder.UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            // The component accepts only Entra ID: authenticate as the app's managed identity.
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor;
                options.Credential = Credential(configuration[ClientIdSetting]);
            });
        }

        return builder;
    }

    /// <summary>Whether spans are recorded: an exporter is configured (console, OTLP, Azure Monitor) or
    /// <see cref="TelemetryOptions.Traces"/> asks for them. Spans cost every request an Activity and the redaction
    /// pass, so a host adds its request instrumentation only when this holds.</summary>
    public static bool RecordsTraces(IConfiguration configuration) =>
        configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Console)}")
        || !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting])
        || !string.IsNullOrWhiteSpace(configuration[AzureMonitorConnectionSetting])
        || configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Traces)}");

    private static TokenCredential Credential(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
