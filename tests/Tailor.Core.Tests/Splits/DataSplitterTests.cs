using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Tests.Splits;

public class DataSplitterTests
{
    private static InteractionMatrix RandomMatrix(int users, int items, int seed, out long[] timestamps)
    {
        var random = new Random(seed);
        var triples = new List<(int, int, float)>();
        for (var u = 0; u < users; u++)
        {
            var n = 1 + random.Next(items / 2);
            foreach (var i in Enumerable.Range(0, items).OrderBy(_ => random.Next()).Take(n))
            {
                triples.Add((u, i, 1f + random.Next(5)));
            }
        }

        var m = InteractionMatrix.FromTriples(users, items, triples.ToArray());
        timestamps = new long[m.NonZeroCount];
        for (var k = 0; k < timestamps.Length; k++)
        {
            timestamps[k] = random.NextInt64(1_000_000);
        }

        return m;
    }

    [Fact]
    public void Stratified_split_keeps_the_rounded_share_of_each_user_in_train()
    {
        var data = RandomMatrix(50, 40, 1, out _);
        var split = DataSplitter.StratifiedRandom(data, 0.25, seed: 42);

        for (var u = 0; u < data.UserCount; u++)
        {
            var n = data.CountOf(u);
            Assert.Equal((int)Math.Round(n * 0.75), split.Train.CountOf(u));
            Assert.Equal(n, split.Train.CountOf(u) + split.Test.CountOf(u));
            var union = split.Train.ItemsOf(u).ToArray().Concat(split.Test.ItemsOf(u).ToArray()).Order();
            Assert.Equal(data.ItemsOf(u).ToArray(), union);
        }
    }

    [Fact]
    public void Stratified_split_is_deterministic_per_seed()
    {
        var data = RandomMatrix(30, 30, 2, out _);
        var a = DataSplitter.StratifiedRandom(data, 0.25, seed: 42);
        var b = DataSplitter.StratifiedRandom(data, 0.25, seed: 42);
        var c = DataSplitter.StratifiedRandom(data, 0.25, seed: 43);

        Assert.Equal(a.Test.Columns, b.Test.Columns);
        Assert.NotEqual(a.Test.Columns, c.Test.Columns);
    }

    [Fact]
    public void Temporal_split_puts_each_users_latest_interactions_in_test()
    {
        var data = RandomMatrix(40, 30, 3, out var timestamps);
        var split = DataSplitter.Temporal(data, timestamps, 0.25);

        for (var u = 0; u < data.UserCount; u++)
        {
            var times = new Dictionary<int, long>();
            for (var k = data.RowOffsets[u]; k < data.RowOffsets[u + 1]; k++)
            {
                times[data.Columns[k]] = timestamps[k];
            }

            Assert.Equal((int)Math.Round(data.CountOf(u) * 0.75), split.Train.CountOf(u));
            foreach (var testItem in split.Test.ItemsOf(u))
            {
                foreach (var trainItem in split.Train.ItemsOf(u))
                {
                    Assert.True(times[testItem] >= times[trainItem]);
                }
            }
        }
    }

    [Fact]
    public void Time_cutoff_splits_every_interaction_by_its_time()
    {
        var data = RandomMatrix(20, 20, 4, out var timestamps);
        var cutoff = DataSplitter.CutoffForFraction(timestamps, 0.3);
        var split = DataSplitter.TimeCutoff(data, timestamps, cutoff);

        Assert.Equal(timestamps.Count(t => t >= cutoff), split.Test.NonZeroCount);
        Assert.NotNull(split.TrainTimestamps);
        Assert.All(split.TrainTimestamps!, t => Assert.True(t < cutoff));
    }
}
