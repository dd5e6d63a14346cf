using Tailor.Evaluation;
using Tailor.Feedback;

namespace Tailor.Models;

/// <summary>How a candidate model did on the held-out split against the popularity baseline and the model
/// it would replace, and whether it was promoted (<c>models/&lt;version&gt;/report.json</c>).</summary>
public sealed record EvaluationReport(
    string Version,
    int K,
    MetricSet Candidate,
    MetricSet Popularity,
    MetricSet? Current,
    string? CurrentVersion,
    PromotionDecision Decision)
{
    /// <summary>The candidate on the holdout interactions new since the replaced model's data, where
    /// <see cref="Current"/> was measured too.</summary>
    public MetricSet? CandidateOnNew { get; init; }

    /// <summary>How many held-out interactions were new since the replaced model's data.</summary>
    public long NewInteractions { get; init; }

    /// <summary>Candidate, popularity, light-user blend and serving-model metrics per user segment.</summary>
    public IReadOnlyList<SliceMetrics> Segments { get; init; } = [];

    /// <summary>The same per bucket of training-history length.</summary>
    public IReadOnlyList<SliceMetrics> ActivityBuckets { get; init; } = [];

    /// <summary>Users with fewer training interactions than this got the segment blend.</summary>
    public int LightUserThreshold { get; init; }

    /// <summary>The replaced (serving) model's online figures over the days before this report, one row per variant
    /// it served as (null when no impressions of it were found).</summary>
    public IReadOnlyList<OnlineMetricRow>? CurrentOnline { get; init; }
}

public sealed record PromotionDecision(bool Promote, string Reason);
