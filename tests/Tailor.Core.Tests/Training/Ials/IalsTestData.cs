using Tailor.Interactions;

namespace Tailor.Tests.Training.Ials;

/// <summary>Seeded interaction data for the iALS tests.</summary>
internal static class IalsTestData
{
    /// <summary>Random sparse matrix with weights in [1, 5).</summary>
    public static InteractionMatrix Random(int users, int items, double density, int seed)
    {
        var random = new Random(seed);
        var triples = new List<(int, int, float)>();
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < density)
                {
                    triples.Add((u, i, 1f + (float)(random.NextDouble() * 4.0)));
                }
            }
        }

        return InteractionMatrix.FromTriples(users, items, triples.ToArray());
    }

    /// <summary>Users in <paramref name="clusters"/> groups; each interacts mostly with its group's items.
    /// Returns the training matrix and, per user, the held-out items (a quarter of each user's items).</summary>
    public static (InteractionMatrix Train, int[][] HeldOut) PlantedClusters(
        int users, int items, int clusters, int perUser, double noise, int seed)
    {
        var random = new Random(seed);
        var itemsPerCluster = items / clusters;
        var train = new List<(int, int, float)>();
        var heldOut = new int[users][];
        for (var u = 0; u < users; u++)
        {
            var cluster = u % clusters;
            var chosen = new HashSet<int>();
            while (chosen.Count < perUser)
            {
                var item = random.NextDouble() < noise
                    ? random.Next(items)
                    : (cluster * itemsPerCluster) + random.Next(itemsPerCluster);
                chosen.Add(item);
            }

            var list = chosen.ToArray();
            random.Shuffle(list);
            var test = list.Length / 4;
            heldOut[u] = list[..test];
            foreach (var item in list[test..])
            {
                train.Add((u, item, 1f));
            }
        }

        return (InteractionMatrix.FromTriples(users, items, train.ToArray()), heldOut);
    }
}
