using Tailor.Interactions;
using Tailor.Numerics;
using Tailor.Training;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Training.Ials;

public class IalsTrainerTests
{
    [Theory]
    [InlineData(1, IalsConfidence.Linear, 0f)]
    [InlineData(2, IalsConfidence.Linear, 0f)]
    [InlineData(3, IalsConfidence.Log, 0f)]
    [InlineData(2, IalsConfidence.Linear, 1f)]
    public void Cholesky_solver_matches_a_naive_double_precision_ials(int epochs, IalsConfidence confidence, float exponent)
    {
        var train = IalsTestData.Random(23, 17, 0.3, seed: 7);
        var options = new IalsOptions(
            Factors: 5, Regularization: 0.1f, Alpha: 2f, Epochs: epochs, Confidence: confidence, Solver: IalsSolver.Cholesky,
            InitialScale: 0.5f, RegularizationExponent: exponent);
        AssertMatchesNaive(train, options, tolerance: 2e-3);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    public void Conjugate_gradient_with_as_many_steps_as_factors_matches_the_exact_solve(float exponent)
    {
        // In exact arithmetic CG solves a k × k system in k steps; after 3 epochs the float result stays close.
        var train = IalsTestData.Random(23, 17, 0.3, seed: 8);
        var options = new IalsOptions(
            Factors: 4, Regularization: 0.1f, Alpha: 2f, Epochs: 3, Solver: IalsSolver.ConjugateGradient, ConjugateGradientSteps: 4,
            InitialScale: 0.5f, RegularizationExponent: exponent);
        AssertMatchesNaive(train, options, tolerance: 5e-3);
    }

    [Fact]
    public void Same_seed_gives_identical_factors_and_another_seed_does_not()
    {
        var train = IalsTestData.Random(80, 40, 0.1, seed: 9);
        var options = new IalsOptions(Factors: 8, Epochs: 3);
        var a = new IalsTrainer(options).FitFactors(train);
        var b = new IalsTrainer(options).FitFactors(train);
        var c = new IalsTrainer(options with { Seed = 43 }).FitFactors(train);
        Assert.True(a.UserFactors.SequenceEqual(b.UserFactors));
        Assert.True(a.ItemFactors.SequenceEqual(b.ItemFactors));
        Assert.False(a.ItemFactors.SequenceEqual(c.ItemFactors));
    }

    [Theory]
    [InlineData(IalsSolver.ConjugateGradient)]
    [InlineData(IalsSolver.Cholesky)]
    public void Thread_count_does_not_change_the_factors(IalsSolver solver)
    {
        // 20,000 users make hundreds of row blocks and several Gram chunks.
        var train = IalsTestData.Random(20_000, 60, 0.05, seed: 10);
        var options = new IalsOptions(Factors: 8, Epochs: 2, Solver: solver);
        var one = new IalsTrainer(options with { Threads = 1 }).FitFactors(train);
        var three = new IalsTrainer(options with { Threads = 3 }).FitFactors(train);
        var all = new IalsTrainer(options with { Threads = 0 }).FitFactors(train);
        Assert.True(one.UserFactors.SequenceEqual(three.UserFactors));
        Assert.True(one.ItemFactors.SequenceEqual(three.ItemFactors));
        Assert.True(one.UserFactors.SequenceEqual(all.UserFactors));
        Assert.True(one.ItemFactors.SequenceEqual(all.ItemFactors));
    }

    [Theory]
    [InlineData(IalsSolver.ConjugateGradient)]
    [InlineData(IalsSolver.Cholesky)]
    public void Planted_clusters_are_recovered_far_better_than_popularity(IalsSolver solver)
    {
        var (train, heldOut) = IalsTestData.PlantedClusters(users: 400, items: 200, clusters: 5, perUser: 16, noise: 0.1, seed: 11);
        var ials = new IalsTrainer(new IalsOptions(Factors: 16, Epochs: 10, Alpha: 5f, Solver: solver)).Fit(train);
        var popularity = new PopularityTrainer().Fit(train);

        var ialsRecall = RecallAt10(ials, train, heldOut);
        var popularityRecall = RecallAt10(popularity, train, heldOut);

        // Clusters hold 40 items each, so a random guess within the right cluster already finds ~25% of the
        // held-out items, while popularity across five equal clusters finds well under that.
        Assert.True(ialsRecall > 0.2, $"iALS recall@10 {ialsRecall:F3}");
        Assert.True(ialsRecall > 2 * popularityRecall, $"iALS {ialsRecall:F3} vs popularity {popularityRecall:F3}");
    }

    [Theory]
    [InlineData(IalsSolver.ConjugateGradient)]
    [InlineData(IalsSolver.Cholesky)]
    public void Users_and_items_without_interactions_get_finite_factors(IalsSolver solver)
    {
        // User 1 and item 2 have no interactions at all; a 0 × 0 matrix must train too.
        var train = InteractionMatrix.FromTriples(3, 4, new (int, int, float)[] { (0, 0, 1f), (0, 1, 2f), (2, 3, 1f) });
        var model = new IalsTrainer(new IalsOptions(Factors: 3, Epochs: 3, Solver: solver)).FitFactors(train);
        Assert.All(model.UserFactors.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(model.ItemFactors.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.True(model.UserFactorsOf(1).ToArray().Max(Math.Abs) < model.UserFactorsOf(0).ToArray().Max(Math.Abs));

        var empty = new IalsTrainer(new IalsOptions(Factors: 3, Epochs: 2, Solver: solver)).FitFactors(InteractionMatrix.FromTriples(0, 0, []));
        Assert.Equal(0, empty.ItemCount);
        empty.Score(-1, [], [], Span<float>.Empty);
    }

    [Fact]
    public void Zero_epochs_returns_the_initial_factors()
    {
        var train = IalsTestData.Random(10, 7, 0.3, seed: 12);
        var options = new IalsOptions(Factors: 3, Epochs: 0);
        var model = new IalsTrainer(options).FitFactors(train);
        var users = new float[30];
        var items = new float[21];
        IalsTrainer.InitialFactors(options, users, items);
        Assert.True(model.UserFactors.SequenceEqual(users));
        Assert.True(model.ItemFactors.SequenceEqual(items));
    }

    [Theory]
    [InlineData("Factors")]
    [InlineData("Regularization")]
    [InlineData("Threads")]
    [InlineData("ConjugateGradientSteps")]
    public void Invalid_options_are_rejected_with_the_setting_name(string setting)
    {
        var options = setting switch
        {
            "Factors" => new IalsOptions(Factors: 0),
            "Regularization" => new IalsOptions(Regularization: 0f),
            "Threads" => new IalsOptions(Threads: -1),
            _ => new IalsOptions(ConjugateGradientSteps: 0),
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IalsTrainer(options));
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Trainer_and_model_report_the_ials_algorithm()
    {
        var trainer = new IalsTrainer(new IalsOptions(Factors: 2, Epochs: 1));
        Assert.Equal("ials", trainer.Algorithm);
        Assert.Equal("ials", trainer.Fit(IalsTestData.Random(5, 5, 0.5, seed: 1)).Algorithm);
    }

    internal static double RecallAt10(IRecommender model, InteractionMatrix train, int[][] heldOut)
    {
        var scores = new float[train.ItemCount];
        var top = new int[10];
        double hits = 0, relevant = 0;
        for (var u = 0; u < train.UserCount; u++)
        {
            model.Score(u, train.ItemsOf(u), train.WeightsOf(u), scores);
            foreach (var seen in train.ItemsOf(u))
            {
                scores[seen] = float.NegativeInfinity;
            }

            var count = TopK.Select(scores, top);
            foreach (var item in heldOut[u])
            {
                relevant++;
                if (Array.IndexOf(top, item, 0, count) >= 0)
                {
                    hits++;
                }
            }
        }

        return hits / relevant;
    }

    private static void AssertMatchesNaive(InteractionMatrix train, IalsOptions options, double tolerance)
    {
        var model = new IalsTrainer(options).FitFactors(train);
        var (users, items) = NaiveIals.Fit(train, options);
        AssertClose(users, model.UserFactors, tolerance, "user");
        AssertClose(items, model.ItemFactors, tolerance, "item");
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * scale, $"{what} factor {i}: {actual[i]} vs {expected[i]} (scale {scale})");
        }
    }
}
