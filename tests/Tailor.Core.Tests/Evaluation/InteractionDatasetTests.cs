using Tailor.Evaluation;
using Tailor.Events;

namespace Tailor.Tests.Evaluation;

public class InteractionDatasetTests
{
    private static InteractionEvent E(string user, string item, float weight, long seconds) =>
        new(user, item, "view", null, weight, DateTimeOffset.FromUnixTimeSeconds(seconds));

    [Fact]
    public void Dataset_sums_repeated_weights_and_keeps_the_latest_time()
    {
        var data = InteractionDataset.Build([E("u1", "b", 1, 10), E("u2", "a", 2, 5), E("u1", "a", 3, 7), E("u1", "b", 2, 20)]);

        Assert.Equal(["u1", "u2"], data.UserIds);
        Assert.Equal(["b", "a"], data.ItemIds);
        var u1 = data.UserIndexOf("u1");
        Assert.Equal([0, 1], data.Matrix.ItemsOf(u1).ToArray());
        Assert.Equal([3f, 3f], data.Matrix.WeightsOf(u1).ToArray());
        Assert.Equal([20_000L, 7_000L, 5_000L], data.Timestamps);
        Assert.Equal(-1, data.ItemIndexOf("zzz"));
    }

    [Fact]
    public void Aligned_dataset_shares_indices_drops_unknown_users_and_appends_unknown_items()
    {
        var train = InteractionDataset.Build([E("u1", "a", 1, 1), E("u2", "b", 1, 1)]);
        var test = InteractionDataset.BuildAligned([E("u2", "a", 1, 2), E("u3", "a", 1, 2), E("u1", "c", 1, 2)], train);

        Assert.Equal(2, test.Matrix.UserCount);
        Assert.Equal(3, test.Matrix.ItemCount);
        Assert.Equal([train.ItemIndexOf("a")], test.Matrix.ItemsOf(train.UserIndexOf("u2")).ToArray());
        Assert.Equal([2], test.Matrix.ItemsOf(train.UserIndexOf("u1")).ToArray());
    }

    [Fact]
    public void Dataset_matrix_equals_summed_triples_for_random_events_with_repeats()
    {
        var random = new Random(8);
        var events = new List<InteractionEvent>();
        for (var n = 0; n < 2000; n++)
        {
            events.Add(E($"u{random.Next(40)}", $"i{random.Next(60)}", 1 + random.Next(3), random.Next(10_000)));
        }

        var data = InteractionDataset.Build(events);
        var triples = events.Select(e => (data.UserIndexOf(e.UserId), data.ItemIndexOf(e.ItemId), e.Weight)).ToArray();
        var expected = Tailor.Interactions.InteractionMatrix.FromTriples(data.UserIds.Count, data.ItemIds.Count, triples);

        Assert.Equal(expected.RowOffsets, data.Matrix.RowOffsets);
        Assert.Equal(expected.Columns, data.Matrix.Columns);
        Assert.Equal(expected.Values, data.Matrix.Values);
        for (var u = 0; u < data.Matrix.UserCount; u++)
        {
            for (var k = data.Matrix.RowOffsets[u]; k < data.Matrix.RowOffsets[u + 1]; k++)
            {
                var user = data.UserIds[u];
                var item = data.ItemIds[data.Matrix.Columns[k]];
                var latest = events.Where(e => e.UserId == user && e.ItemId == item).Max(e => e.Timestamp.ToUnixTimeMilliseconds());
                Assert.Equal(latest, data.Timestamps[k]);
            }
        }
    }
}
