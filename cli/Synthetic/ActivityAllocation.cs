namespace Tailor.Cli.Synthetic;

/// <summary>Turns drawn per-user activity into whole event counts that sum to an exact total, keeping every
/// count within [minimum, maximum] and the draws' shape (one common scale above the minimum).</summary>
internal static class ActivityAllocation
{
    public static int[] Allocate(IReadOnlyList<double> raw, long total, int minimum, int maximum)
    {
        var counts = new int[raw.Count];
        double low = 0, high = 1;
        while (Sum(raw, high, minimum, maximum, counts) < total && high < 1e9)
        {
            high *= 2;
        }

        for (var step = 0; step < 60; step++)
        {
            var middle = (low + high) / 2;
            if (Sum(raw, middle, minimum, maximum, counts) < total)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var sum = Sum(raw, low, minimum, maximum, counts);

        // Hand out the few events the rounding left, one each, heaviest users first.
        var order = Enumerable.Range(0, raw.Count).OrderByDescending(u => raw[u]).ThenBy(u => u).ToArray();
        for (var i = 0; sum < total; i = (i + 1) % order.Length)
        {
            if (counts[order[i]] < maximum)
            {
                counts[order[i]]++;
                sum++;
            }
        }

        return counts;
    }

    private static long Sum(IReadOnlyList<double> raw, double scale, int minimum, int maximum, int[] counts)
    {
        long sum = 0;
        for (var u = 0; u < raw.Count; u++)
        {
            var value = minimum + Math.Floor(Math.Max(0, raw[u] - minimum) * scale);
            counts[u] = (int)Math.Clamp(value, minimum, maximum);
            sum += counts[u];
        }

        return sum;
    }
}
