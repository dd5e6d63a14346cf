using System.Diagnostics;
using System.Security.Cryptography;
using Tailor.Cli.Stats;
using Tailor.Cli.Synthetic;
using Xunit.Abstractions;

namespace Tailor.Cli.Tests.Synthetic;

/// <summary>The presets land within stated tolerances of the public datasets' statistics (DATA-FACTS):
/// users, items and interactions exact; density ±0.5 points; median events per user ±25 %; Gini ±0.05;
/// top-10 % share ±5 points; each rating's share ±3 points; every user at least 20 events.</summary>
public sealed class DatasetPresetTests(ITestOutputHelper output)
{
    private const double DensityPoints = 0.005, MedianShare = 0.25, GiniTolerance = 0.05, Top10Points = 0.05, RatingPoints = 0.03;

    private static readonly double[] s_realRatingShares = [0.06, 0.11, 0.27, 0.34, 0.21];

    private EventStatisticsReport Measure(DatasetPreset preset)
    {
        var clock = Stopwatch.StartNew();
        var statistics = new EventStatistics();
        foreach (var e in new PresetEventGenerator(preset).Generate())
        {
            statistics.Add(SyntheticEventGenerator.UserId(e.User), SyntheticEventGenerator.ItemId(e.Item), e.EventType, e.Value);
        }

        var report = statistics.Report();
        output.WriteLine($"{preset.Name}: {report.Interactions} events in {clock.Elapsed.TotalSeconds:F1} s, density {report.Density:P2}, median/user {report.PerUser.Median}, gini {report.Gini:F3}, top 10 % {report.Top10PercentShare:P1}");
        return report;
    }

    private static void AssertShape(EventStatisticsReport report, int users, int items, long interactions, double density, double medianPerUser, double gini, double top10)
    {
        Assert.Equal((users, items, interactions), (report.Users, report.Items, report.Interactions));
        Assert.InRange(report.Density, density - DensityPoints, density + DensityPoints);
        Assert.InRange(report.PerUser.Median, medianPerUser * (1 - MedianShare), medianPerUser * (1 + MedianShare));
        Assert.True(report.PerUser.Min >= 20, $"a user has {report.PerUser.Min} events");
        Assert.InRange(report.Gini, gini - GiniTolerance, gini + GiniTolerance);
        Assert.InRange(report.Top10PercentShare, top10 - Top10Points, top10 + Top10Points);
    }

    [Fact]
    public void Small_preset_matches_the_100k_rating_dataset()
    {
        var report = Measure(DatasetPreset.Small);

        AssertShape(report, 943, 1_682, 100_000, 0.063, 65, 0.63, 0.427);
        Assert.Equal([1.0, 2, 3, 4, 5], report.Ratings.Select(r => r.Key));
        for (var i = 0; i < 5; i++)
        {
            Assert.InRange(report.Ratings[i].Value, s_realRatingShares[i] - RatingPoints, s_realRatingShares[i] + RatingPoints);
        }
    }

    [Fact]
    public void Medium_preset_matches_the_1m_rating_dataset()
    {
        var report = Measure(DatasetPreset.Medium);

        AssertShape(report, 6_040, 3_706, 1_000_209, 0.045, 96, 0.63, 0.444);
        Assert.Equal([new("rating", 1_000_209L)], report.EventTypes);
    }

    [Fact]
    public void Items_carry_one_to_six_categories_with_median_two_from_a_set_of_nineteen()
    {
        var generator = new PresetEventGenerator(DatasetPreset.Small);
        var counts = Enumerable.Range(0, DatasetPreset.Small.Items).Select(i => generator.Categories(i).Count).Order().ToArray();

        Assert.Equal((1, 6, 2), (counts[0], counts[^1], counts[counts.Length / 2]));
        Assert.All(Enumerable.Range(0, DatasetPreset.Small.Items), i => Assert.All(generator.Categories(i), c => Assert.InRange(c, 0, 18)));
    }

    [Fact]
    public async Task Same_preset_and_seed_give_identical_files_and_another_seed_different_ones()
    {
        var preset = DatasetPreset.Small with { Users = 200, Items = 300, Events = 10_000 };

        var first = await CsvAsync(preset);
        var again = await CsvAsync(preset);
        var other = await CsvAsync(preset with { Seed = 43 });

        Assert.Equal(SHA256.HashData(first), SHA256.HashData(again));
        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(other));
    }

    [Fact]
    public void Explicit_sizes_override_a_preset_and_still_reach_every_user_and_item()
    {
        var report = Measure(DatasetPreset.Small with { Users = 300, Items = 500, Events = 20_000 });

        Assert.Equal((300, 500, 20_000L), (report.Users, report.Items, report.Interactions));
        Assert.True(report.PerUser.Min >= 20);
    }

    [Fact]
    public void Shop_preset_scaled_down_writes_funnels_of_shop_events_for_every_user_and_item()
    {
        var report = Measure(DatasetPreset.Shop20M with { Users = 2_000, Items = 1_000, Events = 300_000 });

        Assert.Equal((2_000, 1_000, 300_000L), (report.Users, report.Items, report.Interactions));
        Assert.Equal(["view", "click", "add_to_cart", "purchase"], report.EventTypes.Select(t => t.Key));
        Assert.Empty(report.Ratings);
        Assert.True(report.PerUser.Min >= 20);
        Assert.InRange(report.Gini, 0.5, 0.8);
    }

    [Fact]
    public async Task Preset_catalog_carries_categories_taste_tags_and_cold_items_no_event_names()
    {
        var preset = DatasetPreset.Small with { Users = 300, Items = 500, Events = 20_000, ColdItems = 6 };
        var generator = new PresetEventGenerator(preset);
        using var memory = new MemoryStream();
        await generator.WriteCatalogAsync(memory);
        var lines = System.Text.Encoding.UTF8.GetString(memory.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var events = generator.Generate().ToList();

        Assert.Equal("item_id,title,categories,tags,created,description,price", lines[0]);
        Assert.Equal(preset.Items + 6, rows.Length);
        Assert.All(Enumerable.Range(0, preset.Items), i => Assert.Equal(
            string.Join('|', generator.Categories(i).Select(PresetEventGenerator.CategoryName)), rows[i][2]));
        Assert.DoesNotContain(events, e => e.Item >= preset.Items);
        Assert.All(rows[preset.Items..], c => Assert.True(
            DateTimeOffset.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture) > GeneratorOptions.DefaultEnd.AddDays(-14)));

        // The theme tag names the taste users choose by: a user's events gather on their top theme far more than
        // when the same tags are dealt to the items at random.
        var theme = rows.Select(c => c[3].Split('|')[0]).ToArray();
        var shuffled = theme[..preset.Items];
        new Random(1).Shuffle(shuffled);
        var topShare = TopThemeShare(events, theme);
        var randomShare = TopThemeShare(events, shuffled);
        Assert.True(topShare > randomShare + 0.05, $"a user's top theme holds {topShare:P0} of their events; {randomShare:P0} with the tags dealt at random");
    }

    private static double TopThemeShare(List<SyntheticEvent> events, string[] theme) =>
        events.GroupBy(e => e.User).Average(u => u.GroupBy(e => theme[e.Item]).Max(g => g.Count()) / (double)u.Count());

    private static async Task<byte[]> CsvAsync(DatasetPreset preset)
    {
        using var memory = new MemoryStream();
        await new PresetEventGenerator(preset).WriteEventsAsync(memory);
        return memory.ToArray();
    }
}
