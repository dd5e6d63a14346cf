using Tailor.Interactions;

namespace Tailor.Benchmarks;

/// <summary>
/// Seeded synthetic interaction matrices shaped like public rating data: item popularity follows a Zipf law
/// (exponent 0.9), user activity a Pareto law (α = 1.5, at most a quarter of the catalogue), weights 1–5.
/// Rows are built directly in CSR form so the builder does not dominate peak memory.
/// </summary>
public static class SyntheticInteractions
{
    /// <summary>About <paramref name="interactions"/> distinct (user, item) non-zeros.</summary>
    public static InteractionMatrix Build(int users, int items, long interactions, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[items];
        var total = 0.0;
        for (var r = 0; r < items; r++)
        {
            total += 1.0 / Math.Pow(r + 1, 0.9);
            cumulative[r] = total;
        }

        // Item ids are a seeded permutation of popularity ranks, so popular items are spread over the index range.
        var itemOfRank = new int[items];
        for (var i = 0; i < items; i++)
        {
            itemOfRank[i] = i;
        }

        random.Shuffle(itemOfRank);

        var counts = new double[users];
        var sum = 0.0;
        for (var u = 0; u < users; u++)
        {
            counts[u] = 1.0 / Math.Pow(1.0 - random.NextDouble(), 1.0 / 1.5);
            sum += counts[u];
        }

        var cap = Math.Max(1, items / 4);
        var scale = interactions / sum;
        var offsets = new int[users + 1];
        var drawn = 0L;

        // Clamping to the cap loses mass; rescale a few times so the total lands near the target.
        for (var pass = 0; pass < 4; pass++)
        {
            drawn = 0L;
            for (var u = 0; u < users; u++)
            {
                drawn += Math.Clamp((int)Math.Round(counts[u] * scale), 1, cap);
            }

            scale *= (double)interactions / drawn;
        }

        scale /= (double)interactions / drawn;

        var columns = new int[drawn];
        var values = new float[drawn];
        var taken = new bool[items];
        var write = 0;
        for (var u = 0; u < users; u++)
        {
            offsets[u] = write;
            var n = Math.Clamp((int)Math.Round(counts[u] * scale), 1, cap);
            var row = columns.AsSpan(write, n);
            var kept = 0;
            while (kept < n)
            {
                var rank = Array.BinarySearch(cumulative, random.NextDouble() * total);
                var item = itemOfRank[Math.Min(items - 1, rank < 0 ? ~rank : rank)];
                if (!taken[item])
                {
                    taken[item] = true;
                    row[kept++] = item;
                }
            }

            row.Sort();
            for (var j = 0; j < n; j++)
            {
                taken[row[j]] = false;
                values[write + j] = 1 + random.Next(5);
            }

            write += n;
        }

        offsets[users] = write;
        return new InteractionMatrix(users, items, offsets, columns, values);
    }

    /// <summary>A MovieLens-like shape for a given size: about 143 interactions per user.</summary>
    public static InteractionMatrix OfSize(long interactions, int seed = 42)
    {
        var users = (int)Math.Max(100, interactions / 143);
        var items = (int)Math.Clamp(interactions / 100, 1_000, 27_000);
        return Build(users, items, interactions, seed);
    }
}
