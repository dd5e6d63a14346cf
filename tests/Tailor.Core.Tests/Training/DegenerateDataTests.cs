using Tailor.Evaluation.Tuning;
using Tailor.Interactions;
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Rerank;
using Tailor.Training.Sar;

namespace Tailor.Tests.Training;

/// <summary>Every trainer and the tuner on the smallest and strangest data a first upload can bring: each
/// either fits a model that scores every item with a finite number and survives its own format, or refuses
/// with <see cref="TrainingRefusedException"/> — never another exception.</summary>
public class DegenerateDataTests
{
    public static TheoryData<string> Datasets => new(DegenerateSets.Keys);

    public static TheoryData<string, string> TrainersAndDatasets()
    {
        var data = new TheoryData<string, string>();
        foreach (var trainer in Trainers.Keys)
        {
            foreach (var set in DegenerateSets.Keys)
            {
                data.Add(trainer, set);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TrainersAndDatasets))]
    public void Trainer_fits_or_refuses_cleanly(string trainer, string dataset)
    {
        var train = DegenerateSets[dataset]();
        IRecommender model;
        try
        {
            model = Trainers[trainer]().Fit(train);
        }
        catch (TrainingRefusedException)
        {
            return;
        }

        AssertScoresAreFinite(model, train);
        AssertScoresAreFinite(ModelRoundTrip.WriteAndRead(model), train);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Tuner_always_answers_with_a_model_that_scores_every_item(string dataset)
    {
        var train = DegenerateSets[dataset]();
        var options = new TrainingOptions { BudgetSeconds = 3600, MaxTrials = 12 };

        var result = new AutoTuner(options).Tune(train);

        Assert.Equal(train.ItemCount, result.Model.ItemCount);
        AssertScoresAreFinite(result.Model, train);
        // A trial that failed in any way other than a refusal would mean a trainer broke on this data.
        Assert.All(result.Trials, t => Assert.False(t.Note?.StartsWith("Failed:", StringComparison.Ordinal) == true, $"{t.Describe()}: {t.Note}"));
    }

    private static void AssertScoresAreFinite(IRecommender model, InteractionMatrix train)
    {
        Assert.Equal(train.ItemCount, model.ItemCount);
        for (var user = 0; user < train.UserCount; user++)
        {
            Assert.All(ModelRoundTrip.ScoresOf(model, train, user), s => Assert.True(float.IsFinite(s), $"score {s} for user {user}"));
        }

        var anonymous = new float[model.ItemCount];
        model.Score(-1, train.ItemsOf(0), train.WeightsOf(0), anonymous);
        Assert.All(anonymous, s => Assert.True(float.IsFinite(s), $"session score {s}"));
    }

    private static readonly Dictionary<string, Func<InteractionMatrix>> DegenerateSets = new()
    {
        ["one user, one item"] = () => InteractionMatrix.FromTriples(1, 1, [(0, 0, 1f)]),
        ["one user, five items"] = () => InteractionMatrix.FromTriples(1, 5, [(0, 0, 1f), (0, 1, 1f), (0, 2, 2f), (0, 3, 1f), (0, 4, 5f)]),
        ["one item, thirty users"] = () => InteractionMatrix.FromTriples(30, 1, [.. Enumerable.Range(0, 30).Select(u => (u, 0, 1f))]),
        ["every user one interaction"] = () => InteractionMatrix.FromTriples(40, 8, [.. Enumerable.Range(0, 40).Select(u => (u, u % 8, 1f))]),
        ["an item nobody touched"] = () => InteractionMatrix.FromTriples(6, 4, [(0, 0, 1f), (1, 0, 1f), (1, 1, 1f), (2, 1, 1f), (3, 2, 1f), (4, 0, 1f), (5, 2, 1f)]),
    };

    private static readonly Dictionary<string, Func<IRecommenderTrainer>> Trainers = new()
    {
        ["popularity"] = () => new PopularityTrainer(),
        ["sar-jaccard"] = () => new SarTrainer(new SarOptions(SarSimilarity.Jaccard)),
        ["sar-rp3beta"] = () => new SarTrainer(new SarOptions(SarSimilarity.Rp3Beta)),
        ["ease"] = () => new EaseTrainer(new EaseOptions(Lambda: 10f)),
        ["ials"] = () => new IalsTrainer(new IalsOptions(Factors: 4, Regularization: 1f, Epochs: 3)),
        ["blend"] = () => new BlendTrainer([new SarTrainer(new SarOptions()), new EaseTrainer(new EaseOptions(Lambda: 10f))], [0.5f, 0.5f]),
        ["rerank"] = () => new RerankTrainer([new SarTrainer(new SarOptions()), new PopularityTrainer()], new RerankOptions(Candidates: 3, Iterations: 5)),
    };
}
