using Tailor.Evaluation;
using Tailor.Training.Ease;
using Tailor.Training.Popularity;
using Tailor.Training.Rerank;
using Tailor.Training.Sar;

namespace Tailor.Tests.Training.Rerank;

public class RerankTrainerTests
{
    private static RerankTrainer Trainer() =>
        new([new EaseTrainer(new EaseOptions(20f)), new SarTrainer()], new RerankOptions(Candidates: 30, Iterations: 30));

    [Fact]
    public void Rerank_recovers_planted_clusters_clearly_better_than_popularity()
    {
        var split = PlantedClusters.Split();
        var rerank = Evaluator.Evaluate(Trainer().Fit(split.Train), split.Train, split.Test);
        var popularity = Evaluator.Evaluate(new PopularityTrainer().Fit(split.Train), split.Train, split.Test);

        Assert.True(rerank.Ndcg > popularity.Ndcg + 0.1, $"rerank {rerank.Ndcg:F3} vs popularity {popularity.Ndcg:F3}");
    }

    [Fact]
    public void Rerank_puts_candidates_above_every_other_item_and_round_trips_through_its_format()
    {
        var split = PlantedClusters.Split();
        var model = Trainer().Fit(split.Train);
        var read = ModelRoundTrip.WriteAndRead(model);

        ModelRoundTrip.AssertSameScores(model, read, split.Train);
        var scores = ModelRoundTrip.ScoresOf(model, split.Train, 0);
        Assert.Equal(30, scores.Count(s => s > 2f)); // two bases: non-candidates stay within [0, 2]
    }

    [Fact]
    public void Rerank_refuses_data_with_nothing_to_learn_from()
    {
        // One interaction per user: the inner hold-out keeps everything in training, so no labels exist.
        var triples = Enumerable.Range(0, 20).Select(u => (u, u % 5, 1f)).ToArray();
        var matrix = Tailor.Interactions.InteractionMatrix.FromTriples(20, 5, triples);

        Assert.Throws<Tailor.Training.TrainingRefusedException>(() => Trainer().Fit(matrix));
    }
}
