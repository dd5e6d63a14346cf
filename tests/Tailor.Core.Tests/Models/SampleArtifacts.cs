using Tailor.Interactions;
using Tailor.Models;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Models;

/// <summary>Small artifacts with a popularity model (the one algorithm every build can read back).</summary>
internal static class SampleArtifacts
{
    /// <summary>4 users × 6 items; item i3 is the most popular, i5 nobody has seen.</summary>
    public static ModelArtifact Small()
    {
        (int, int, float)[] triples =
        [
            (0, 0, 1f), (0, 3, 2f),
            (1, 1, 1f), (1, 3, 1f), (1, 4, 3f),
            (2, 3, 1f), (2, 2, 1f),
            (3, 0, 1f), (3, 1, 1f), (3, 3, 1f),
        ];
        return Build(["u0", "u1", "u2", "ü-3 ✓"], ["i0", "i1", "i2", "i3", "i4", "i5"], triples);
    }

    /// <summary>A random artifact with fixed seed: <paramref name="users"/> × <paramref name="items"/>, about
    /// <paramref name="perUser"/> interactions each, with ids of mixed scripts and lengths.</summary>
    public static ModelArtifact Random(int seed, int users, int items, int perUser)
    {
        var random = new Random(seed);
        var triples = new List<(int, int, float)>();
        for (var u = 0; u < users; u++)
        {
            var count = random.Next(0, perUser * 2);
            for (var k = 0; k < count; k++)
            {
                triples.Add((u, random.Next(items), (float)random.NextDouble() + 0.1f));
            }
        }

        var userIds = new string[users];
        for (var u = 0; u < users; u++)
        {
            userIds[u] = $"user-{u}-{new string('é', random.Next(0, 40))}";
        }

        var itemIds = new string[items];
        for (var i = 0; i < items; i++)
        {
            itemIds[i] = $"item/{i}/{new string('x', random.Next(0, 128))}";
        }

        return Build(userIds, itemIds, [.. triples]);
    }

    public static ModelArtifact Build(string[] userIds, string[] itemIds, (int User, int Item, float Weight)[] triples)
    {
        var history = InteractionMatrix.FromTriples(userIds.Length, itemIds.Length, triples);
        var model = (PopularityRecommender)new PopularityTrainer().Fit(history);
        return new ModelArtifact(userIds, itemIds, history, model.Popularity.ToArray(), model);
    }

    public static async Task<byte[]> ToBytesAsync(ModelArtifact artifact)
    {
        using var stream = new MemoryStream();
        await artifact.WriteAsync(stream);
        return stream.ToArray();
    }
}
