using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tailor.Hosting;

namespace Tailor.Tests.Hosting;

/// <summary>Tailor's telemetry as <see cref="TailorTelemetry.AddTailorTelemetry"/> sets it up, exported to memory.
/// Tailor's meters are process-wide, so a recording may also hold measurements of tests running meanwhile:
/// assertions look for their own points (and for ids nobody else uses).</summary>
internal sealed class TelemetryRecording : IDisposable
{
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly List<Activity> _spans = [];
    private readonly ServiceProvider _services;
    private readonly MeterProvider _meterProvider;
    private readonly TracerProvider _tracerProvider;

    public TelemetryRecording()
    {
        var services = new ServiceCollection();
        var traced = new Dictionary<string, string?> { [$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Traces)}"] = "true" };
        services.AddTailorTelemetry(new ConfigurationBuilder().AddInMemoryCollection(traced).Build())
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics))
            .WithTracing(tracing => tracing.AddInMemoryExporter(_spans));
        _services = services.BuildServiceProvider();
        _meterProvider = _services.GetRequiredService<MeterProvider>();
        _tracerProvider = _services.GetRequiredService<TracerProvider>();
    }

    /// <summary>The points of metric <paramref name="name"/> recorded so far, with their tags.</summary>
    public List<(IReadOnlyDictionary<string, object?> Tags, MetricPoint Point)> Points(string name)
    {
        lock (_metrics)
        {
            _metrics.Clear();
            _meterProvider.ForceFlush();
            var points = new List<(IReadOnlyDictionary<string, object?>, MetricPoint)>();
            foreach (var metric in _metrics.Where(m => m.Name == name))
            {
                foreach (var point in metric.MetricPoints)
                {
                    var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var tag in point.Tags)
                    {
                        tags[tag.Key] = tag.Value;
                    }

                    points.Add((tags, point));
                }
            }

            return points;
        }
    }

    /// <summary>Every tag value of every Tailor metric point recorded so far.</summary>
    public List<object?> AllMetricTagValues()
    {
        lock (_metrics)
        {
            _metrics.Clear();
            _meterProvider.ForceFlush();
            var values = new List<object?>();
            foreach (var metric in _metrics)
            {
                foreach (var point in metric.MetricPoints)
                {
                    foreach (var tag in point.Tags)
                    {
                        values.Add(tag.Value);
                    }
                }
            }

            return values;
        }
    }

    /// <summary>The finished spans of <paramref name="source"/>.</summary>
    public List<Activity> Spans(string source)
    {
        _tracerProvider.ForceFlush();

        // The exporter adds from whichever thread ends a span; ToArray copies without enumerating.
        return _spans.ToArray().Where(s => s is not null && s.Source.Name == source).ToList();
    }

    public void Dispose() => _services.Dispose();
}
