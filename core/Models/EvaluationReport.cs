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

    /// <summary>How this version did as the challenger online (<c>Tailor:Pipeline:PromoteOnline</c>), once decided.</summary>
    public OnlineDecision? Online { get; init; }
}

public sealed record PromotionDecision(bool Promote, string Reason);

/// <summary>The end of a challenger's online trial against <see cref="Champion"/>: <see cref="Outcome"/> is
/// <see cref="OnlineOutcomes.Promoted"/> or <see cref="OnlineOutcomes.Dropped"/>.</summary>
public sealed record OnlineDecision(string Outcome, string Champion, string Reason, DateTimeOffset DecidedUtc, VariantComparison? Comparison);

/// <summary>What the online judge found for the challenger.</summary>
public static class OnlineOutcomes
{
    /// <summary>No challenger is being tried.</summary>
    public const string None = "none";

    /// <summary>Too few impressions, or no clear winner yet.</summary>
    public const string Undecided = "undecided";

    /// <summary>It won by the margin and serves everyone now.</summary>
    public const string Promoted = "promoted";

    /// <summary>It lost clearly (or its champion was replaced meanwhile) and serves no one now.</summary>
    public const string Dropped = "dropped";
}
