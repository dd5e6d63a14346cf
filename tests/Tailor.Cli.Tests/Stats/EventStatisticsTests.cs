using Tailor.Cli.Stats;

namespace Tailor.Cli.Tests.Stats;

public sealed class EventStatisticsTests
{
    [Fact]
    public void Gini_of_equal_counts_is_zero_and_of_one_holder_among_four_is_three_quarters()
    {
        Assert.Equal(0, EventStatistics.Gini([5, 5, 5, 5]), 12);
        Assert.Equal(0.75, EventStatistics.Gini([0, 0, 0, 7]), 12);
    }

    [Fact]
    public void Gini_of_one_to_four_matches_the_hand_computed_value()
    {
        // Σ(2i − n − 1)·xᵢ = (−3)(1) + (−1)(2) + (1)(3) + (3)(4) = 10; n·Σx = 4 · 10 = 40.
        Assert.Equal(0.25, EventStatistics.Gini([1, 2, 3, 4]), 12);
    }

    [Fact]
    public void Quantiles_interpolate_linearly_between_order_statistics()
    {
        int[] sorted = [10, 20, 30, 40, 50];

        Assert.Equal(10, EventStatistics.Quantile(sorted, 0), 12);
        Assert.Equal(30, EventStatistics.Quantile(sorted, 0.5), 12);
        Assert.Equal(14, EventStatistics.Quantile(sorted, 0.1), 12); // position 0.4
        Assert.Equal(49.6, EventStatistics.Quantile(sorted, 0.99), 12); // position 3.96
        Assert.Equal(50, EventStatistics.Quantile(sorted, 1), 12);
    }

    [Fact]
    public void Top_share_counts_the_largest_ceiling_of_the_fraction_of_values()
    {
        int[] sorted = [.. Enumerable.Range(1, 20)]; // total 210

        Assert.Equal(20.0 / 210, EventStatistics.TopShare(sorted, 0.01), 12); // ⌈0.2⌉ = 1 item
        Assert.Equal(39.0 / 210, EventStatistics.TopShare(sorted, 0.10), 12); // 2 items: 20 + 19
    }

    [Fact]
    public void Report_counts_users_items_density_spreads_and_rating_shares()
    {
        var statistics = new EventStatistics();
        statistics.Add("u1", "a", "rating", 5);
        statistics.Add("u1", "b", "rating", 4);
        statistics.Add("u1", "c", "view", null);
        statistics.Add("u2", "a", "rating", 5);
        statistics.Add("u2", "a", "view", null);
        statistics.Add("u3", "a", "rating", 1);

        var report = statistics.Report();

        Assert.Equal((3, 3, 6L), (report.Users, report.Items, report.Interactions));
        Assert.Equal(6.0 / 9, report.Density, 12);
        AssertSummary([1, 1.2, 2, 2.8, 2.98, 3], report.PerUser); // per user: 1, 2, 3
        AssertSummary([1, 1, 1, 3.4, 3.94, 4], report.PerItem); // per item: 1, 1, 4
        Assert.Equal(EventStatistics.Gini([1, 1, 4]), report.Gini, 12);
        Assert.Equal([new("rating", 4L), new("view", 2L)], report.EventTypes);
        Assert.Equal([new(1.0, 0.25), new(4.0, 0.25), new(5.0, 0.5)], report.Ratings);
    }

    [Fact]
    public async Task A_file_is_read_with_the_core_event_readers()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tailor-stats-").FullName, "events.jsonl");
        try
        {
            await File.WriteAllLinesAsync(path,
            [
                """{"user_id":"u1","item_id":"a","event_type":"rating","value":3,"timestamp":"2024-06-01T00:00:00Z"}""",
                """{"user_id":"u2","item_id":"a","event_type":"view","timestamp":"2024-06-01T00:00:00Z"}""",
                """{"user_id":"u2","item_id":"b","event_type":"view","timestamp":"2024-06-01T00:00:00Z"}""",
            ]);

            var report = await EventStatistics.ReadAsync(path);

            Assert.Equal((2, 2, 3L), (report.Users, report.Items, report.Interactions));
            Assert.Equal([new(3.0, 1.0)], report.Ratings);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static void AssertSummary(double[] expected, CountSummary actual)
    {
        double[] values = [actual.Min, actual.P10, actual.Median, actual.P90, actual.P99, actual.Max];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], values[i], 1e-9);
        }
    }
}
