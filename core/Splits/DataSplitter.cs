using Tailor.Interactions;

namespace Tailor.Splits;

/// <summary>Splits interactions into train and test under the offline protocols.</summary>
public static class DataSplitter
{
    /// <summary>
    /// Per-user stratified random split: each user keeps <c>round(n × (1 − testFraction))</c> of their n
    /// interactions (round half to even) in train, drawn uniformly at random, and the rest go to test.
    /// Deterministic for a given <paramref name="seed"/>.
    /// </summary>
    public static DataSplit StratifiedRandom(InteractionMatrix data, double testFraction, int seed, long[]? timestamps = null)
    {
        CheckFraction(testFraction);
        var random = new Random(seed);
        var isTest = new bool[data.NonZeroCount];
        var scratch = new List<int>();
        for (var u = 0; u < data.UserCount; u++)
        {
            var start = data.RowOffsets[u];
            var n = data.CountOf(u);
            var testCount = n - (int)Math.Round(n * (1 - testFraction));
            scratch.Clear();
            for (var k = 0; k < n; k++)
            {
                scratch.Add(start + k);
            }

            // Partial Fisher–Yates: the first testCount positions become the test sample.
            for (var k = 0; k < testCount; k++)
            {
                var pick = k + random.Next(n - k);
                (scratch[k], scratch[pick]) = (scratch[pick], scratch[k]);
                isTest[scratch[k]] = true;
            }
        }

        return Partition(data, isTest, timestamps);
    }

    /// <summary>Per-user temporal split: each user's latest <c>n − round(n × (1 − testFraction))</c>
    /// interactions go to test (ties broken by item index).</summary>
    public static DataSplit Temporal(InteractionMatrix data, long[] timestamps, double testFraction)
    {
        CheckFraction(testFraction);
        CheckTimestamps(data, timestamps);
        var isTest = new bool[data.NonZeroCount];
        for (var u = 0; u < data.UserCount; u++)
        {
            var start = data.RowOffsets[u];
            var n = data.CountOf(u);
            var testCount = n - (int)Math.Round(n * (1 - testFraction));
            var order = new int[n];
            for (var k = 0; k < n; k++)
            {
                order[k] = start + k;
            }

            Array.Sort(order, (a, b) => timestamps[a] != timestamps[b] ? timestamps[a].CompareTo(timestamps[b]) : a.CompareTo(b));
            for (var k = n - testCount; k < n; k++)
            {
                isTest[order[k]] = true;
            }
        }

        return Partition(data, isTest, timestamps);
    }

    /// <summary>Global time cutoff: interactions before <paramref name="cutoffUnixMilliseconds"/> train,
    /// the rest test.</summary>
    public static DataSplit TimeCutoff(InteractionMatrix data, long[] timestamps, long cutoffUnixMilliseconds)
    {
        CheckTimestamps(data, timestamps);
        var isTest = new bool[data.NonZeroCount];
        for (var k = 0; k < isTest.Length; k++)
        {
            isTest[k] = timestamps[k] >= cutoffUnixMilliseconds;
        }

        return Partition(data, isTest, timestamps);
    }

    /// <summary>The cutoff that leaves about <paramref name="testFraction"/> of all interactions after it.</summary>
    public static long CutoffForFraction(long[] timestamps, double testFraction)
    {
        CheckFraction(testFraction);
        if (timestamps.Length == 0)
        {
            return 0;
        }

        var sorted = (long[])timestamps.Clone();
        Array.Sort(sorted);
        var at = Math.Clamp((int)Math.Round(sorted.Length * (1 - testFraction)), 0, sorted.Length - 1);
        return sorted[at];
    }

    /// <summary>Users known to training with at least one test interaction, ascending: the users a split can evaluate.
    /// <paramref name="test"/> may have more rows or columns than <paramref name="train"/>.</summary>
    public static int[] TestUsers(InteractionMatrix train, InteractionMatrix test)
    {
        var users = new List<int>();
        var n = Math.Min(train.UserCount, test.UserCount);
        for (var u = 0; u < n; u++)
        {
            if (test.CountOf(u) > 0)
            {
                users.Add(u);
            }
        }

        return users.ToArray();
    }

    private static DataSplit Partition(InteractionMatrix data, bool[] isTest, long[]? timestamps)
    {
        var trainOffsets = new int[data.UserCount + 1];
        var testOffsets = new int[data.UserCount + 1];
        for (var u = 0; u < data.UserCount; u++)
        {
            var test = 0;
            for (var k = data.RowOffsets[u]; k < data.RowOffsets[u + 1]; k++)
            {
                test += isTest[k] ? 1 : 0;
            }

            testOffsets[u + 1] = testOffsets[u] + test;
            trainOffsets[u + 1] = trainOffsets[u] + data.CountOf(u) - test;
        }

        var trainCols = new int[trainOffsets[data.UserCount]];
        var trainVals = new float[trainCols.Length];
        var trainTimes = timestamps is null ? null : new long[trainCols.Length];
        var testCols = new int[testOffsets[data.UserCount]];
        var testVals = new float[testCols.Length];
        var testTimes = timestamps is null ? null : new long[testCols.Length];
        int tr = 0, te = 0;
        for (var k = 0; k < data.NonZeroCount; k++)
        {
            if (isTest[k])
            {
                testCols[te] = data.Columns[k];
                testVals[te] = data.Values[k];
                if (testTimes is not null)
                {
                    testTimes[te] = timestamps![k];
                }

                te++;
            }
            else
            {
                trainCols[tr] = data.Columns[k];
                trainVals[tr] = data.Values[k];
                if (trainTimes is not null)
                {
                    trainTimes[tr] = timestamps![k];
                }

                tr++;
            }
        }

        return new DataSplit(
            new InteractionMatrix(data.UserCount, data.ItemCount, trainOffsets, trainCols, trainVals),
            new InteractionMatrix(data.UserCount, data.ItemCount, testOffsets, testCols, testVals),
            trainTimes,
            testTimes);
    }

    private static void CheckFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1.");
        }
    }

    private static void CheckTimestamps(InteractionMatrix data, long[] timestamps)
    {
        if (timestamps.Length != data.NonZeroCount)
        {
            throw new ArgumentException($"Expected one timestamp per interaction ({data.NonZeroCount}), got {timestamps.Length}.", nameof(timestamps));
        }
    }
}
