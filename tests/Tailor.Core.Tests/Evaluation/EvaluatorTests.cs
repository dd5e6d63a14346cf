using Tailor.Evaluation;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Evaluation;

public class EvaluatorTests
{
    [Fact]
    public void Evaluator_excludes_training_items_and_averages_over_test_users()
    {
        // Fixed scores: item 0 > 1 > 2 > 3 > 4 for everyone.
        var model = new PopularityRecommender([5f, 4f, 3f, 2f, 1f]);
        var train = TestMatrices.FromRows(5, [[0], [1, 2], [3]]);

        // User 0 (seen 0) gets [1, 2]; user 1 (seen 1, 2) gets [0, 3]; user 2 has no test items.
        var test = TestMatrices.FromRows(5, [[2, 4], [0], []]);

        var metrics = Evaluator.Evaluate(model, train, test, k: 2);

        Assert.Equal(2, metrics.Users);

        // User 0: hit at rank 2 of 2 relevant; user 1: hit at rank 1 of 1 relevant.
        Assert.Equal((0.5 + 0.5) / 2, metrics.Precision, 1e-12);
        Assert.Equal((0.5 + 1.0) / 2, metrics.Recall, 1e-12);
        var ndcgUser0 = (1 / Math.Log2(3)) / (1 + (1 / Math.Log2(3)));
        Assert.Equal((ndcgUser0 + 1.0) / 2, metrics.Ndcg, 1e-12);
        Assert.Equal(((0.5 / 2) + 1.0) / 2, metrics.Map, 1e-12);
        Assert.Equal(1.0, metrics.HitRate, 1e-12);
        Assert.Equal((0.5 + 1.0) / 2, metrics.Mrr, 1e-12);
        Assert.Equal(4.0 / 5, metrics.Coverage, 1e-12);
    }

    [Fact]
    public void Test_items_unknown_to_training_count_as_relevant_but_are_never_hit()
    {
        var model = new PopularityRecommender([2f, 1f]);
        var train = TestMatrices.FromRows(2, [[0]]);
        var test = TestMatrices.FromRows(3, [[1, 2]]);

        var metrics = Evaluator.Evaluate(model, train, test, k: 10);

        Assert.Equal(0.5, metrics.Recall, 1e-12);
        Assert.Equal(0.1, metrics.Precision, 1e-12);
    }

    [Fact]
    public void Activity_buckets_partition_the_evaluated_users()
    {
        var model = new PopularityRecommender([5f, 4f, 3f, 2f, 1f]);
        var train = TestMatrices.FromRows(5, [[0], [1, 2], [3], [0, 1, 2]]);
        var test = TestMatrices.FromRows(5, [[2], [0], [4], [3]]);

        var buckets = Evaluator.EvaluateByActivity(model, train, test, [1, 2], k: 2);

        Assert.Equal(3, buckets.Count);
        Assert.Equal([2, 1, 1], buckets.Select(b => b.Metrics.Users));
        Assert.Equal(int.MaxValue, buckets[2].MaxInteractions);
    }
}
