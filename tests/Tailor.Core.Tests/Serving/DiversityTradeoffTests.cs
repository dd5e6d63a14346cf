using Tailor.Evaluation;
using Tailor.Serving;
using Tailor.Tests.Training;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Serving;

public sealed class DiversityTradeoffTests
{
    [Fact]
    public void Lambda_zero_reproduces_the_offline_protocol_and_larger_lambdas_buy_diversity()
    {
        var split = PlantedClusters.Split(seed: 9);
        var model = new IalsTrainer(new IalsOptions(Factors: 8, Regularization: 0.5f, Epochs: 6)).Fit(split.Train);

        var points = DiversityTradeoff.Measure(model, split.Train, split.Test, 10, [0f, 0.2f, 0.5f])!;

        Assert.Equal(Evaluator.Evaluate(model, split.Train, split.Test, 10).Ndcg, points[0].Metrics.Ndcg, 1e-9);
        Assert.True(points[1].IntraListDiversity > points[0].IntraListDiversity, $"{points[1].IntraListDiversity} ≤ {points[0].IntraListDiversity}");
        Assert.True(points[2].IntraListDiversity > points[1].IntraListDiversity, $"{points[2].IntraListDiversity} ≤ {points[1].IntraListDiversity}");
    }

    [Fact]
    public void A_model_without_item_similarity_has_no_tradeoff_to_measure()
    {
        var split = PlantedClusters.Split();

        Assert.Null(DiversityTradeoff.Measure(new PopularityTrainer().Fit(split.Train), split.Train, split.Test, 10, [0f, 0.5f]));
    }
}
