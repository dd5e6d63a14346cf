using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tailor.Feedback;

/// <summary>The feedback area's meter and activity source (both <c>Tailor.Feedback</c>): impressions recorded and
/// flushed, and the online click-through of the last computed metrics per model version and variant. Tags carry
/// outcomes, versions and variants, never a user, item or recommendation id.</summary>
public static class FeedbackTelemetry
{
    public const string Name = "Tailor.Feedback";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    private static readonly ConcurrentDictionary<(string Version, string Variant), double> s_clickThrough = new();

    /// <summary>Served lists handed to the impressions buffer, per outcome (buffered, sampled-out, dropped) and variant.</summary>
    public static readonly Counter<long> Impressions = s_meter.CreateCounter<long>(
        "tailor.feedback.impressions", unit: "{impression}", description: "Served lists handed to the impressions store, per outcome and variant.");

    /// <summary>Impressions appended to the store by the background flush.</summary>
    public static readonly Counter<long> Flushed = s_meter.CreateCounter<long>(
        "tailor.feedback.impressions.flushed", unit: "{impression}", description: "Impressions appended to the impressions store.");

    /// <summary>Time of one flush (all the hours' appends).</summary>
    public static readonly Histogram<double> FlushDuration = s_meter.CreateHistogram<double>(
        "tailor.feedback.flush.duration", unit: "ms", description: "Time to append one flush of impressions.");

    /// <summary>Online click-through of the most recent online-metrics computation, per model version and variant.</summary>
    public static readonly ObservableGauge<double> OnlineClickThrough = s_meter.CreateObservableGauge(
        "tailor.feedback.online.click_through", ObserveClickThrough, unit: "1",
        description: "Share of impressions with a later event on a recommended item, per model version and variant (last computed).");

    public static class Tags
    {
        public const string Outcome = "tailor.outcome";
        public const string Variant = "tailor.variant";
        public const string ModelVersion = "tailor.model.version";
    }

    public static class Outcomes
    {
        public const string Buffered = "buffered";
        public const string SampledOut = "sampled-out";
        public const string Dropped = "dropped";
        public const string Failed = "failed";
    }

    internal static void RecordImpression(string outcome, string variant) =>
        Impressions.Add(1, new(Tags.Outcome, outcome), new(Tags.Variant, variant));

    /// <summary>Publishes the click-through of one (version, variant) for the gauge.</summary>
    public static void PublishClickThrough(string version, string variant, double clickThrough) =>
        s_clickThrough[(version, variant)] = clickThrough;

    private static IEnumerable<Measurement<double>> ObserveClickThrough()
    {
        foreach (var ((version, variant), value) in s_clickThrough)
        {
            yield return new Measurement<double>(value, new(Tags.ModelVersion, version), new(Tags.Variant, variant));
        }
    }
}
