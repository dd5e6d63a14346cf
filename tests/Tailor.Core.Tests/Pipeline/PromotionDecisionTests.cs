using Tailor.Pipeline;
using Tailor.Evaluation;

namespace Tailor.Tests.Pipeline;

public sealed class PromotionDecisionTests
{
    private static MetricSet Ndcg(double ndcg) => new(10, 100, 0.1, 0.1, ndcg, 0.1, 0.5, 0.3, 0.2, 0);

    private static EvaluateResult Evaluation(double candidate, double? current, long newInteractions = 500) =>
        new("runs/x/evaluation.json", 10, Ndcg(0.9), Ndcg(0.05), current is { } c ? Ndcg(c) : null,
            current is null ? null : "20260101-000000-aaaaaa", current is null ? null : "\"etag\"", 1.0)
        {
            CandidateOnNew = current is null ? null : Ndcg(candidate),
            NewInteractions = current is null ? 0 : newInteractions,
        };

    [Fact]
    public void The_decision_names_every_segment_where_the_candidate_loses_to_popularity()
    {
        var evaluation = Evaluation(0.01, current: null) with
        {
            Segments =
            [
                new SliceMetrics("s1", "frequent Drama, evenings", Ndcg(0.40), Ndcg(0.20)),
                new SliceMetrics("s2", "occasional Comedy, mornings", Ndcg(0.10), Ndcg(0.25)),
                new SliceMetrics("s3", "regular, broad taste", Ndcg(0.30), Ndcg(0.30)),
            ],
        };

        var decision = PromoteStage.Decide(evaluation);

        Assert.True(decision.Promote);
        Assert.Contains("loses to popularity in segment s2 (occasional Comedy, mornings): NDCG@10 0.1000 vs 0.2500", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("s1", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("s3", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_model_is_promoted_even_when_it_is_weak()
    {
        var decision = PromoteStage.Decide(Evaluation(0.01, current: null));

        Assert.True(decision.Promote);
        Assert.Contains("No model serves yet", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_interactions_new_since_the_serving_models_data_nothing_is_promoted()
    {
        var decision = PromoteStage.Decide(Evaluation(0.9, 0.1, newInteractions: 0));

        Assert.False(decision.Promote);
        Assert.Contains("nothing can show", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_erasure_is_promoted_without_new_interactions_and_says_so_first()
    {
        var refused = PromoteStage.Decide(Evaluation(0.2, 0.3, newInteractions: 0));

        var decision = PromoteStage.ForErasure(refused, 1_000);

        Assert.True(decision.Promote);
        Assert.StartsWith("Erasure of 1000 users", decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith(refused.Reason, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.31, 0.30, true)]
    [InlineData(0.30, 0.30, false)]
    [InlineData(0.29, 0.30, false)]
    public void A_candidate_replaces_the_serving_model_only_when_its_ndcg_on_new_interactions_is_strictly_higher(double candidate, double current, bool promote)
    {
        var decision = PromoteStage.Decide(Evaluation(candidate, current));

        Assert.Equal(promote, decision.Promote);
        Assert.Contains("20260101-000000-aaaaaa", decision.Reason, StringComparison.Ordinal);
    }
}
