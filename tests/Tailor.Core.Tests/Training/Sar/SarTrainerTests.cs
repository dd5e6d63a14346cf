using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Training.Popularity;
using Tailor.Training.Sar;

namespace Tailor.Tests.Training.Sar;

public class SarTrainerTests
{
    // Users {0,1}, {0,1,2}, {1,2}: support 2, 3, 2; co-occurrence c01 = 2, c02 = 1, c12 = 2.
    private static readonly InteractionMatrix s_tiny = InteractionMatrix.FromTriples(3, 3,
        new (int, int, float)[] { (0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1), (1, 2, 1), (2, 1, 1), (2, 2, 1) });

    private static Dictionary<(int, int), float> Similarities(SarSimilarity similarity, float beta = 0.5f)
    {
        var model = (SarRecommender)new SarTrainer(new SarOptions(similarity, Neighbours: 0, Beta: beta)).Fit(s_tiny);
        var result = new Dictionary<(int, int), float>();
        for (var i = 0; i < 3; i++)
        {
            var (items, sims) = model.NeighboursOf(i);
            for (var k = 0; k < items.Length; k++)
            {
                result[(i, items.Span[k])] = sims.Span[k];
            }
        }

        return result;
    }

    [Theory]
    [InlineData(SarSimilarity.Jaccard, 2.0 / 3, 1.0 / 3, 2.0 / 3)]
    [InlineData(SarSimilarity.Cosine, 0.81649658, 0.5, 0.81649658)]
    [InlineData(SarSimilarity.Lift, 1.0 / 3, 0.25, 1.0 / 3)]
    [InlineData(SarSimilarity.Cooccurrence, 2.0, 1.0, 2.0)]
    public void Sar_similarities_match_hand_computed_values(SarSimilarity similarity, double s01, double s02, double s12)
    {
        var sims = Similarities(similarity);

        Assert.Equal(6, sims.Count); // no self-similarity, symmetric
        Assert.Equal(s01, sims[(0, 1)], 1e-6);
        Assert.Equal(s01, sims[(1, 0)], 1e-6);
        Assert.Equal(s02, sims[(0, 2)], 1e-6);
        Assert.Equal(s12, sims[(2, 1)], 1e-6);
    }

    [Fact]
    public void Rp3beta_walk_probabilities_match_hand_computed_values()
    {
        // User degrees 2, 3, 2. W[i,j] = Σ over users of both (1/deg u) / (|i| · |j|^β), β = 0.5.
        var sims = Similarities(SarSimilarity.Rp3Beta, beta: 0.5f);

        Assert.Equal((0.5 + (1.0 / 3)) / (2 * Math.Sqrt(3)), sims[(0, 1)], 1e-6);
        Assert.Equal((0.5 + (1.0 / 3)) / (3 * Math.Sqrt(2)), sims[(1, 0)], 1e-6);
        Assert.Equal((1.0 / 3) / (2 * Math.Sqrt(2)), sims[(0, 2)], 1e-6);
    }

    [Fact]
    public void Sar_keeps_only_the_top_neighbours_per_item()
    {
        var model = (SarRecommender)new SarTrainer(new SarOptions(SarSimilarity.Jaccard, Neighbours: 1)).Fit(s_tiny);

        // Item 0's best neighbour is item 1 (2/3 over 1/3).
        Assert.Equal([1], model.NeighboursOf(0).Items.ToArray());
        Assert.Equal(1, model.NeighboursOf(2).Items.Length);
    }

    [Fact]
    public void Sar_scores_sum_affinity_times_similarity()
    {
        var model = new SarTrainer(new SarOptions(SarSimilarity.Jaccard, Neighbours: 0)).Fit(s_tiny);
        var scores = new float[3];

        // Anonymous history {0}: item 1 gets 2/3, item 2 gets 1/3.
        model.Score(-1, [0], [5f], scores);

        Assert.Equal([0f, 2f / 3, 1f / 3], scores);
    }

    [Theory]
    [InlineData(SarSimilarity.Jaccard)]
    [InlineData(SarSimilarity.Cosine)]
    public void Sar_recovers_planted_clusters_clearly_better_than_popularity(SarSimilarity similarity)
    {
        var split = PlantedClusters.Split();
        var sar = Evaluator.Evaluate(new SarTrainer(new SarOptions(similarity)).Fit(split.Train), split.Train, split.Test);
        var popularity = Evaluator.Evaluate(new PopularityTrainer().Fit(split.Train), split.Train, split.Test);

        Assert.True(sar.Ndcg > popularity.Ndcg + 0.1, $"SAR {sar.Ndcg:F3} vs popularity {popularity.Ndcg:F3}");
    }

    [Fact]
    public void Sar_is_deterministic_and_round_trips_through_its_format()
    {
        var split = PlantedClusters.Split();
        var trainer = new SarTrainer(new SarOptions(SarSimilarity.Cosine, 10));
        var a = trainer.Fit(split.Train);

        ModelRoundTrip.AssertSameScores(a, trainer.Fit(split.Train), split.Train);
        ModelRoundTrip.AssertSameScores(a, ModelRoundTrip.WriteAndRead(a), split.Train);
    }
}
