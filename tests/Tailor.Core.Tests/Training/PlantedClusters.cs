using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Tests.Training;

/// <summary>Seeded synthetic data with planted structure: items and users fall into clusters, and each user
/// draws most interactions from their own cluster's items, the rest from a skewed global popularity.</summary>
internal static class PlantedClusters
{
    public static InteractionMatrix Generate(int users, int items, int clusters, int perUser, int seed, double ownClusterShare = 0.8)
    {
        var random = new Random(seed);
        var triples = new List<(int, int, float)>();
        for (var u = 0; u < users; u++)
        {
            var cluster = u % clusters;
            var chosen = new HashSet<int>();
            while (chosen.Count < perUser)
            {
                int item;
                if (random.NextDouble() < ownClusterShare)
                {
                    // Items i with i % clusters == cluster, skewed towards low indices.
                    var slot = (int)(Math.Pow(random.NextDouble(), 2) * (items / clusters));
                    item = Math.Min(items - 1, (slot * clusters) + cluster);
                }
                else
                {
                    item = (int)(Math.Pow(random.NextDouble(), 3) * items);
                }

                chosen.Add(item);
            }

            foreach (var i in chosen)
            {
                triples.Add((u, i, 1f + random.Next(5)));
            }
        }

        return InteractionMatrix.FromTriples(users, items, triples.ToArray());
    }

    public static DataSplit Split(int seed = 5) =>
        DataSplitter.StratifiedRandom(Generate(300, 120, 6, 20, seed), 0.25, seed: 42);
}
