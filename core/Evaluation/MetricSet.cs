namespace Tailor.Evaluation;

/// <summary>Ranking metrics at <paramref name="K"/>, averaged over the <paramref name="Users"/> evaluated
/// (users with at least one held-out interaction), plus list-level measures: <c>Coverage</c> is the
/// fraction of the training catalog that appears in at least one user's top k, <c>Novelty</c> the mean
/// self-information −log2(p) of recommended items, p = share of training users who interacted with the
/// item (counting at least one user). The one shape of a metric set: offline evaluation, benchmarks, the
/// pipeline's holdout comparison, <c>report.json</c> and <c>GET models/current</c> all carry this record.</summary>
public sealed record MetricSet(
    int K,
    int Users,
    double Precision,
    double Recall,
    double Ndcg,
    double Map,
    double HitRate,
    double Mrr,
    double Coverage,
    double Novelty)
{
    public static MetricSet Empty(int k) => new(k, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The metrics as name → value, names as reports print them (e.g. <c>ndcg@10</c>).</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        [$"precision@{K}"] = Precision,
        [$"recall@{K}"] = Recall,
        [$"ndcg@{K}"] = Ndcg,
        [$"map@{K}"] = Map,
        [$"hit_rate@{K}"] = HitRate,
        [$"mrr@{K}"] = Mrr,
        ["coverage"] = Coverage,
        ["novelty"] = Novelty,
        ["users"] = Users,
    };
}
