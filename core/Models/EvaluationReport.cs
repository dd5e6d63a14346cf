namespace Tailor.Models;

/// <summary>How a candidate model did on the held-out split against the popularity baseline and the model
/// it would replace, and whether it was promoted (<c>models/&lt;version&gt;/report.json</c>).</summary>
public sealed record EvaluationReport(
    string Version,
    int K,
    HoldoutMetrics Candidate,
    HoldoutMetrics Popularity,
    HoldoutMetrics? Current,
    string? CurrentVersion,
    PromotionDecision Decision)
{
    /// <summary>The candidate on the holdout interactions new since the replaced model's data, where
    /// <see cref="Current"/> was measured too.</summary>
    public HoldoutMetrics? CandidateOnNew { get; init; }

    /// <summary>How many held-out interactions were new since the replaced model's data.</summary>
    public long NewInteractions { get; init; }
}

/// <summary>Ranking metrics at <c>k</c>, averaged over the evaluated users (coverage: share of the
/// catalogue recommended to anyone).</summary>
public sealed record HoldoutMetrics(
    double Precision,
    double Recall,
    double Ndcg,
    double Map,
    double HitRate,
    double Mrr,
    double Coverage,
    int Users);

public sealed record PromotionDecision(bool Promote, string Reason);
