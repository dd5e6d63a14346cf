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
}
