namespace Tailor.Models;

/// <summary>How a candidate model did on the held-out split against the popularity baseline and the model
/// it would replace, and whether it was promoted (<c>models/&lt;version&gt;/report.json</c>).</summary>
public sealed record EvaluationReport(
    string Version,
    int K,
    ReportMetrics Candidate,
    ReportMetrics Popularity,
    ReportMetrics? Current,
    string? CurrentVersion,
    PromotionDecision Decision);

/// <summary>Ranking metrics at <paramref name="K"/> as a report records them, averaged over the evaluated
/// <paramref name="Users"/>; the same fields, in the same order, as the evaluation stage's metric set
/// (coverage: share of the catalogue recommended to anyone; novelty: mean self-information of the items).</summary>
public sealed record ReportMetrics(
    int K,
    int Users,
    double Precision,
    double Recall,
    double Ndcg,
    double Map,
    double HitRate,
    double Mrr,
    double Coverage,
    double Novelty);

public sealed record PromotionDecision(bool Promote, string Reason);
