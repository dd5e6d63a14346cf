using Tailor.Evaluation;
using Tailor.Interactions;

namespace Tailor.Tests.Evaluation;

public sealed class MetricSumsTests
{
    private const int K = 10;

    /// <summary>Random training and test matrices over 80 items and lists of up to k unseen items per test user.</summary>
    private static (InteractionMatrix Train, InteractionMatrix Test, int[] Users, int[][] Lists) Sample(int seed)
    {
        var random = new Random(seed);
        var train = new List<(int, int, float)>();
        var test = new List<(int, int, float)>();
        for (var u = 0; u < 150; u++)
        {
            for (var n = random.Next(1, 25); n > 0; n--)
            {
                (random.Next(4) == 0 ? test : train).Add((u, random.Next(80), 1f));
            }
        }

        var trainMatrix = InteractionMatrix.FromTriples(150, 80, [.. train]);
        var testMatrix = InteractionMatrix.FromTriples(150, 80, [.. test]);
        var users = Enumerable.Range(0, 150).Where(u => testMatrix.CountOf(u) > 0).ToArray();
        var lists = users.Select(u => Enumerable.Range(0, 80).OrderBy(_ => random.Next()).Take(random.Next(K / 2, K + 1)).ToArray()).ToArray();
        return (trainMatrix, testMatrix, users, lists);
    }

    [Fact]
    public void Sums_give_the_metrics_the_evaluator_averages_within_rounding()
    {
        var (train, test, users, lists) = Sample(3);
        var sums = new MetricSums();
        var information = MetricSums.SelfInformation(train);
        for (var i = 0; i < users.Length; i++)
        {
            sums.Add(lists[i], test.ItemsOf(users[i]), K, information);
        }

        var expected = Evaluator.Measure(lists, users, train, test, K);
        var actual = sums.ToMetricSet(K, train.ItemCount);

        Assert.Equal(expected.Users, actual.Users);
        Assert.Equal(expected.Coverage, actual.Coverage);
        foreach (var (e, a) in new[]
        {
            (expected.Precision, actual.Precision), (expected.Recall, actual.Recall), (expected.Ndcg, actual.Ndcg), (expected.Map, actual.Map),
            (expected.HitRate, actual.HitRate), (expected.Mrr, actual.Mrr), (expected.Novelty, actual.Novelty),
        })
        {
            Assert.Equal(e, a, 1e-12);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void Sums_of_user_ranges_add_up_to_exactly_the_sums_over_all_users(int parts)
    {
        var (train, test, users, lists) = Sample(4);
        var information = MetricSums.SelfInformation(train);
        var whole = new MetricSums();
        var total = new MetricSums();
        for (var p = parts - 1; p >= 0; p--)
        {
            var part = new MetricSums();
            for (var i = users.Length * p / parts; i < users.Length * (p + 1) / parts; i++)
            {
                part.Add(lists[i], test.ItemsOf(users[i]), K, information);
            }

            total.Add(part);
        }

        for (var i = 0; i < users.Length; i++)
        {
            whole.Add(lists[i], test.ItemsOf(users[i]), K, information);
        }

        Assert.Equal(whole.ToMetricSet(K, train.ItemCount), total.ToMetricSet(K, train.ItemCount));
        Assert.Equal(whole.Ndcg, total.Ndcg);
        Assert.Equal(whole.Items, total.Items);
    }
}
