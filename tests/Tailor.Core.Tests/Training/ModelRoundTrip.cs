using Tailor.Interactions;
using Tailor.Training;

namespace Tailor.Tests.Training;

internal static class ModelRoundTrip
{
    public static IRecommender WriteAndRead(IRecommender model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var read = RecommenderFormat.Read(model.Algorithm, reader);
        Assert.Equal(stream.Length, stream.Position);
        return read;
    }

    public static float[] ScoresOf(IRecommender model, InteractionMatrix train, int user)
    {
        var scores = new float[model.ItemCount];
        model.Score(user, train.ItemsOf(user), train.WeightsOf(user), scores);
        return scores;
    }

    public static void AssertSameScores(IRecommender expected, IRecommender actual, InteractionMatrix train)
    {
        for (var u = 0; u < train.UserCount; u += 7)
        {
            Assert.Equal(ScoresOf(expected, train, u), ScoresOf(actual, train, u));
        }
    }
}
