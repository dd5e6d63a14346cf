using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Training;
using Tailor.Training.Ease;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Training.Ease;

public class EaseTrainerTests
{
    /// <summary>Plain double-precision Gauss–Jordan inverse with partial pivoting.</summary>
    private static double[,] NaiveInverse(double[,] a)
    {
        var n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = a[i, j];
            }

            m[i, n + i] = 1;
        }

        for (var c = 0; c < n; c++)
        {
            var p = c;
            for (var r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[p, c]))
                {
                    p = r;
                }
            }

            for (var j = 0; j < 2 * n; j++)
            {
                (m[c, j], m[p, j]) = (m[p, j], m[c, j]);
            }

            var pivot = m[c, c];
            for (var j = 0; j < 2 * n; j++)
            {
                m[c, j] /= pivot;
            }

            for (var r = 0; r < n; r++)
            {
                if (r != c)
                {
                    var f = m[r, c];
                    for (var j = 0; j < 2 * n; j++)
                    {
                        m[r, j] -= f * m[c, j];
                    }
                }
            }
        }

        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[i, j] = m[i, n + j];
            }
        }

        return inverse;
    }

    private static InteractionMatrix RandomBinary(int users, int items, int seed)
    {
        var random = new Random(seed);
        var triples = new List<(int, int, float)>();
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < 0.3)
                {
                    triples.Add((u, i, 1f + random.Next(4)));
                }
            }
        }

        return InteractionMatrix.FromTriples(users, items, triples.ToArray());
    }

    [Theory]
    [InlineData(15, 10f, 0f)]
    [InlineData(30, 5f, 0f)]
    [InlineData(33, 20f, 0f)]
    [InlineData(33, 5f, 0.5f)]
    [InlineData(300, 8f, 0f)]
    public void Ease_weights_match_a_naive_double_precision_reference(int items, float lambda, float dropout)
    {
        var x = RandomBinary(60, items, seed: items);
        var model = (EaseRecommender)new EaseTrainer(new EaseOptions(lambda, Dropout: dropout)).Fit(x);

        var g = new double[items, items];
        for (var u = 0; u < x.UserCount; u++)
        {
            foreach (var i in x.ItemsOf(u))
            {
                foreach (var j in x.ItemsOf(u))
                {
                    g[i, j] += 1; // binary input
                }
            }
        }

        for (var i = 0; i < items; i++)
        {
            g[i, i] = (g[i, i] / (1 - dropout)) + lambda;
        }

        var p = NaiveInverse(g);
        for (var i = 0; i < items; i++)
        {
            var row = model.WeightsFrom(i);
            for (var j = 0; j < items; j++)
            {
                var expected = i == j ? 0 : -p[i, j] / p[j, j];

                // Float arithmetic over n-step elimination: absolute tolerance relative to the weights' scale.
                Assert.True(Math.Abs(expected - row[j]) < 2e-4, $"B[{i},{j}] = {row[j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Ease_refuses_a_catalog_over_the_item_limit_with_a_reason()
    {
        var x = RandomBinary(10, 12, seed: 1);
        var trainer = new EaseTrainer(new EaseOptions(MaxItems: 11));

        var error = Assert.Throws<TrainingRefusedException>(() => trainer.Fit(x));
        Assert.Contains("12", error.Message, StringComparison.Ordinal);
        Assert.Contains("11", error.Message, StringComparison.Ordinal);
        Assert.Null(new EaseTrainer(new EaseOptions(MaxItems: 12)).RefusalReason(12));
    }

    [Fact]
    public void The_bound_that_skips_the_timing_probe_is_slower_than_what_the_probe_measures()
    {
        // The tuner trusts the bound without a probe: it must never be the faster of the two, or a fit the probe
        // would have skipped for the budget runs. It scales as n³ like the estimate, so one size checks the constant.
        Assert.True(EaseTrainer.SlowestFitSeconds(2048) > EaseTrainer.EstimateFitSeconds(2048),
            $"bound {EaseTrainer.SlowestFitSeconds(2048):F2} s, estimate {EaseTrainer.EstimateFitSeconds(2048):F2} s");
        Assert.Equal(8 * EaseTrainer.SlowestFitSeconds(1024), EaseTrainer.SlowestFitSeconds(2048), 6);
    }

    [Fact]
    public void Ease_recovers_planted_clusters_clearly_better_than_popularity()
    {
        var split = PlantedClusters.Split();
        var ease = Evaluator.Evaluate(new EaseTrainer(new EaseOptions(20f)).Fit(split.Train), split.Train, split.Test);
        var popularity = Evaluator.Evaluate(new PopularityTrainer().Fit(split.Train), split.Train, split.Test);

        Assert.True(ease.Ndcg > popularity.Ndcg + 0.1, $"EASE {ease.Ndcg:F3} vs popularity {popularity.Ndcg:F3}");
    }

    [Fact]
    public void Ease_is_deterministic_and_round_trips_through_its_format()
    {
        var split = PlantedClusters.Split();
        var trainer = new EaseTrainer(new EaseOptions(30f, WeightScale.Log));
        var a = trainer.Fit(split.Train);
        var b = trainer.Fit(split.Train);

        ModelRoundTrip.AssertSameScores(a, b, split.Train);
        ModelRoundTrip.AssertSameScores(a, ModelRoundTrip.WriteAndRead(a), split.Train);
    }
}
