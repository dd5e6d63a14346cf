using Tailor.Evaluation;

namespace Tailor.Tests.Evaluation;

public class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    // Hits at ranks 2 and 4 of a 4-item list; 3 relevant items.
    private static readonly int[] s_ranked = [5, 2, 9, 7];
    private static readonly int[] s_relevant = [2, 7, 8];

    [Fact]
    public void Precision_divides_hits_by_k()
    {
        Assert.Equal(0.5, RankingMetrics.Precision(s_ranked, s_relevant, 4), Tolerance);
        Assert.Equal(0.5, RankingMetrics.Precision(s_ranked, s_relevant, 2), Tolerance);
        Assert.Equal(0.1, RankingMetrics.Precision([3], [3], 10), Tolerance);
    }

    [Fact]
    public void Recall_divides_hits_by_relevant_count()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(s_ranked, s_relevant, 4), Tolerance);
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(s_ranked, s_relevant, 3), Tolerance);
    }

    [Fact]
    public void Ndcg_matches_hand_computed_value()
    {
        // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4).
        Assert.Equal(0.49818925746641285, RankingMetrics.Ndcg(s_ranked, s_relevant, 4), 1e-12);
        Assert.Equal(1.0, RankingMetrics.Ndcg([3], [3], 10), Tolerance);
        Assert.Equal(0.0, RankingMetrics.Ndcg([1, 2], [3], 10), Tolerance);
    }

    [Fact]
    public void Average_precision_is_normalised_by_min_of_relevant_and_k()
    {
        // (1/2 + 2/4) / min(3, 4)
        Assert.Equal(1.0 / 3, RankingMetrics.AveragePrecision(s_ranked, s_relevant, 4), Tolerance);

        // k = 2: only the hit at rank 2 counts, normalised by min(3, 2) = 2.
        Assert.Equal(0.25, RankingMetrics.AveragePrecision(s_ranked, s_relevant, 2), Tolerance);
        Assert.Equal(1.0, RankingMetrics.AveragePrecision([3], [3], 10), Tolerance);
    }

    [Fact]
    public void Hit_rate_and_reciprocal_rank_look_at_the_first_hit()
    {
        Assert.Equal(1.0, RankingMetrics.HitRate(s_ranked, s_relevant, 4));
        Assert.Equal(0.0, RankingMetrics.HitRate(s_ranked, s_relevant, 1));
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(s_ranked, s_relevant, 4), Tolerance);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(s_ranked, s_relevant, 1), Tolerance);
    }

    [Fact]
    public void Coverage_counts_distinct_recommended_items()
    {
        int[][] lists = [[0, 1], [1, 2]];
        Assert.Equal(0.75, Evaluator.CatalogCoverage(lists, 4), Tolerance);
    }

    [Fact]
    public void Novelty_is_mean_self_information_of_recommended_items()
    {
        // 4 users; item 0 in 2 users (1 bit), item 1 in all 4 (0 bits), item 2 in 1 (2 bits).
        var train = TestMatrices.FromRows(3, [[0, 1], [0, 1, 2], [1], [1]]);
        int[][] lists = [[0, 1], [1, 2]];
        Assert.Equal((1 + 0 + 0 + 2) / 4.0, Evaluator.Novelty(lists, train), Tolerance);
    }
}
