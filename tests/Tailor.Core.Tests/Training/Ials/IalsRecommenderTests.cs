using Tailor.Training;
using Tailor.Training.Ials;

namespace Tailor.Tests.Training.Ials;

public class IalsRecommenderTests
{
    [Fact]
    public void Known_user_scores_are_dot_products_of_factors()
    {
        var train = IalsTestData.Random(30, 25, 0.2, seed: 21);
        var model = new IalsTrainer(new IalsOptions(Factors: 7, Epochs: 2)).FitFactors(train);
        var scores = new float[model.ItemCount];
        model.Score(4, default, default, scores);
        var user = model.UserFactorsOf(4);
        for (var i = 0; i < model.ItemCount; i++)
        {
            var item = model.ItemFactorsOf(i);
            var expected = 0.0;
            for (var d = 0; d < 7; d++)
            {
                expected += (double)user[d] * item[d];
            }

            Assert.True(Math.Abs(scores[i] - expected) <= 1e-5, $"item {i}: {scores[i]} vs {expected}");
        }
    }

    [Fact]
    public void Fold_in_reproduces_a_trained_user_exactly_with_the_cholesky_solver()
    {
        // Each epoch ends with the users step, so the trained user is the exact solve the fold-in repeats.
        var train = IalsTestData.Random(60, 40, 0.15, seed: 22);
        foreach (var exponent in new[] { 0f, 1f })
        {
            var options = new IalsOptions(Factors: 8, Epochs: 4, Solver: IalsSolver.Cholesky, RegularizationExponent: exponent);
            AssertFoldInClose(new IalsTrainer(options).FitFactors(train), train, relativeTolerance: 1e-3);
        }
    }

    [Fact]
    public void Fold_in_is_close_to_a_trained_user_with_the_default_solver()
    {
        var (train, _) = IalsTestData.PlantedClusters(users: 300, items: 150, clusters: 5, perUser: 12, noise: 0.1, seed: 23);
        var model = new IalsTrainer(new IalsOptions(Factors: 16, Epochs: 10)).FitFactors(train);
        AssertFoldInClose(model, train, relativeTolerance: 0.05);
    }

    [Fact]
    public void Fold_in_ignores_items_outside_the_model()
    {
        var train = IalsTestData.Random(20, 15, 0.3, seed: 24);
        var model = new IalsTrainer(new IalsOptions(Factors: 4, Epochs: 2)).FitFactors(train);
        var expected = new float[model.ItemCount];
        var actual = new float[model.ItemCount];
        model.Score(-1, [3, 5], [1f, 2f], expected);
        model.Score(-1, [3, -4, 5, 99], [1f, 7f, 2f, 3f], actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fold_in_sums_repeated_items_like_the_training_matrix()
    {
        var train = IalsTestData.Random(20, 15, 0.3, seed: 27);
        var model = new IalsTrainer(new IalsOptions(Factors: 4, Epochs: 2)).FitFactors(train);
        var expected = new float[model.ItemCount];
        var actual = new float[model.ItemCount];
        model.Score(-1, [3, 5], [3f, 1f], expected);
        model.Score(-1, [5, 3, 9, 3, 9], [1f, 1f, 2f, 2f, -2f], actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Write_then_read_gives_identical_scores()
    {
        var train = IalsTestData.Random(40, 30, 0.2, seed: 25);
        var model = new IalsTrainer(new IalsOptions(Factors: 6, Epochs: 2, Confidence: IalsConfidence.Log, Alpha: 3f, RegularizationExponent: 0.5f)).FitFactors(train);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var copy = RecommenderFormat.Read("ials", reader);
        Assert.Equal(stream.Length, stream.Position);
        Assert.IsType<IalsRecommender>(copy);

        var a = new float[model.ItemCount];
        var b = new float[copy.ItemCount];
        foreach (var user in new[] { 0, 17, 39 })
        {
            model.Score(user, default, default, a);
            copy.Score(user, default, default, b);
            Assert.Equal(a, b);
        }

        model.Score(-1, [1, 2, 3], [1f, 1f, 4f], a);
        copy.Score(-1, [1, 2, 3], [1f, 1f, 4f], b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Truncated_model_is_rejected()
    {
        var model = new IalsTrainer(new IalsOptions(Factors: 3, Epochs: 1)).FitFactors(IalsTestData.Random(5, 5, 0.5, seed: 26));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer);
        }

        stream.SetLength(stream.Length - 4);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        Assert.Throws<EndOfStreamException>(() => IalsRecommender.Read(reader));
    }

    private static void AssertFoldInClose(IalsRecommender model, Tailor.Interactions.InteractionMatrix train, double relativeTolerance)
    {
        var trained = new float[model.ItemCount];
        var folded = new float[model.ItemCount];
        for (var u = 0; u < train.UserCount; u += 7)
        {
            model.Score(u, train.ItemsOf(u), train.WeightsOf(u), trained);
            model.Score(-1, train.ItemsOf(u), train.WeightsOf(u), folded);
            var scale = trained.Max(Math.Abs);
            for (var i = 0; i < model.ItemCount; i++)
            {
                Assert.True(Math.Abs(trained[i] - folded[i]) <= relativeTolerance * scale, $"user {u} item {i}: {folded[i]} vs {trained[i]} (scale {scale})");
            }
        }
    }
}
