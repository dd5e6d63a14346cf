using System.ComponentModel.DataAnnotations;

namespace Tailor.Feedback;

/// <summary>Settings of impressions and online metrics (section <c>Tailor:Feedback</c>), validated at start-up.</summary>
public sealed record FeedbackOptions
{
    public const string Section = "Tailor:Feedback";

    /// <summary>Share of served lists recorded as impressions (1: every one, 0: none).</summary>
    [Range(0.0, 1.0)]
    public double ImpressionSampling { get; init; } = 1.0;

    /// <summary>Impressions held in memory waiting for the background flush; when full, new ones are dropped
    /// (and counted) rather than slowing a request.</summary>
    [Range(16, 1_000_000)]
    public int BufferCapacity { get; init; } = 50_000;

    /// <summary>How long the flusher gathers impressions before it appends them (milliseconds).</summary>
    [Range(10, 60_000)]
    public int FlushIntervalMilliseconds { get; init; } = 1000;

    /// <summary>How long after an impression an event on one of its items counts for it (hours).</summary>
    [Range(1, 24 * 30)]
    public int AttributionWindowHours { get; init; } = 24;

    /// <summary>The <c>k</c> of hit rate@k: an event counts as a hit when its item was in the first k positions.</summary>
    [Range(1, 1000)]
    public int HitRateK { get; init; } = 10;

    /// <summary>How long a computed online-metrics table is reused for the same question (seconds).</summary>
    [Range(0, 3600)]
    public int MetricsCacheSeconds { get; init; } = 60;

    public TimeSpan AttributionWindow => TimeSpan.FromHours(AttributionWindowHours);
}
