namespace Tailor.Hosting;

/// <summary>Telemetry settings (section <c>Tailor:Telemetry</c>). Exporters follow the environment:
/// Azure Monitor when <c>Tailor:Telemetry:AzureMonitorConnectionString</c> is set, OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the console when <see cref="Console"/> is true.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Tailor:Telemetry";

    /// <summary>Writes spans and metrics to the console (local diagnosis).</summary>
    public bool Console { get; set; }

    /// <summary>Records Tailor's spans even when no exporter is configured by the environment (one added in code).
    /// Without an exporter and without this, no span is created.</summary>
    public bool Traces { get; set; }
}
