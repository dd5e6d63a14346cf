using System.IO.Compression;
using System.Security.Cryptography;
using Tailor.Cli.Synthetic;
using Tailor.Events;

namespace Tailor.Cli.Tests.Synthetic;

public sealed class SyntheticEventGeneratorTests : IDisposable
{
    private static readonly GeneratorOptions s_options = new(Users: 500, Items: 300, Events: 40_000, Seed: 7, Clusters: 6);
    private readonly string _folder = Directory.CreateTempSubdirectory("tailor-synthetic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<byte[]> EventsCsvAsync(GeneratorOptions options)
    {
        using var memory = new MemoryStream();
        await new SyntheticEventGenerator(options).WriteEventsAsync(memory);
        return memory.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Same_seed_gives_identical_files_and_another_seed_different_ones()
    {
        var first = await EventsCsvAsync(s_options);
        var again = await EventsCsvAsync(s_options);
        var other = await EventsCsvAsync(s_options with { Seed = 8 });

        Assert.Equal(SHA256.HashData(first), SHA256.HashData(again));
        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(other));
    }

    [Fact]
    public async Task Events_file_has_exactly_the_requested_rows_and_every_row_is_valid()
    {
        var path = Path.Combine(_folder, "synthetic.csv.gz");
        await File.WriteAllBytesAsync(path, Gzip(await EventsCsvAsync(s_options)));

        var events = new List<InteractionEvent>();
        await foreach (var e in EventFile.ReadValidAsync(path))
        {
            events.Add(e);
        }

        Assert.Equal(s_options.Events, events.Count);
        Assert.Equal(new SyntheticEventGenerator(s_options).GenerateInteractions(), events);
    }

    [Fact]
    public void Timestamps_fall_in_the_window()
    {
        var generator = new SyntheticEventGenerator(s_options);
        var end = s_options.WindowEnd.ToUnixTimeSeconds();

        var times = generator.Generate().Select(e => e.UnixSeconds).ToList();

        Assert.All(times, t => Assert.InRange(t, end - s_options.Days * 86_400L, end));
        Assert.True(times.Max() - times.Min() > 80 * 86_400L, "events should spread over most of the 90 days");
    }

    [Fact]
    public void Item_popularity_is_long_tailed_and_user_activity_heavy_tailed()
    {
        var events = new SyntheticEventGenerator(s_options).Generate().ToList();

        var itemCounts = events.GroupBy(e => e.Item).Select(g => g.Count()).OrderDescending().ToList();
        var userCounts = events.GroupBy(e => e.User).Select(g => g.Count()).OrderDescending().ToList();
        var topItems = itemCounts.Take(s_options.Items / 10).Sum() / (double)events.Count;
        var topUsers = userCounts.Take(s_options.Users / 10).Sum() / (double)events.Count;

        // Uniform popularity would give the top 10% about 10%; a Zipf(1) tail gives well over a third.
        Assert.True(topItems > 0.35, $"top 10% of items have {topItems:P1} of events");
        Assert.True(topUsers > 0.25, $"top 10% of users have {topUsers:P1} of events");
    }

    [Fact]
    public void Users_mostly_interact_with_their_preferred_clusters()
    {
        var generator = new SyntheticEventGenerator(s_options);

        var events = generator.Generate().ToList();
        var inPreferred = events.Count(e => generator.PreferredClusters(e.User).Contains(generator.ItemClusters[e.Item])) / (double)events.Count;
        var inPlanted = events.Count(e => generator.UserClusters[e.User] == generator.ItemClusters[e.Item]) / (double)events.Count;

        // Noise 0.1 with 6 clusters: about 0.9 + 0.1 * (share of preferred items) in preferred clusters.
        Assert.InRange(inPreferred, 0.85, 0.97);
        Assert.True(inPlanted > 0.55, $"only {inPlanted:P1} of events are in the user's planted cluster");
        Assert.Equal(s_options.Users, generator.UserClusters.Count);
        Assert.All(generator.ItemClusters, c => Assert.InRange(c, 0, s_options.Clusters - 1));
    }

    [Fact]
    public void Views_dominate_and_purchases_are_rare()
    {
        var types = new SyntheticEventGenerator(s_options).Generate().GroupBy(e => e.EventType)
            .ToDictionary(g => g.Key, g => g.Count() / (double)s_options.Events);

        Assert.Equal(types.Values.Max(), types["view"]);
        Assert.InRange(types["purchase"], 0.01, 0.08);
        Assert.Equal(["add_to_cart", "click", "like", "purchase", "rating", "view"], types.Keys.Order());
    }

    [Fact]
    public async Task Catalog_lists_every_item_with_its_cluster_category()
    {
        var generator = new SyntheticEventGenerator(s_options);
        var path = Path.Combine(Path.GetTempPath(), "tailor-catalog-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await generator.WriteCatalogAsync(path);
            var lines = await File.ReadAllLinesAsync(path);

            Assert.Equal("item_id,title,categories,tags,created,description,price", lines[0]);
            Assert.Equal(s_options.Items, lines.Length - 1);
            for (var i = 0; i < s_options.Items; i++)
            {
                var columns = lines[i + 1].Split(',');
                Assert.Equal(SyntheticEventGenerator.ItemId(i), columns[0]);
                Assert.Equal(SyntheticEventGenerator.CategoryName(generator.ItemClusters[i]), columns[2].Split('|')[0]);
                Assert.Equal(SyntheticEventGenerator.ThemeName(generator.ItemClusters[i]), columns[3].Split('|')[0]);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Cold_items_are_in_the_catalog_with_a_recent_creation_date_and_in_no_event()
    {
        var options = s_options with { ColdItems = 4 };
        var generator = new SyntheticEventGenerator(options);
        var path = Path.Combine(Path.GetTempPath(), "tailor-catalog-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await generator.WriteCatalogAsync(path);
            var lines = await File.ReadAllLinesAsync(path);
            var cold = Enumerable.Range(0, 4).Select(generator.ColdItemId).ToHashSet();

            Assert.Equal(options.Items + 4, lines.Length - 1);
            var coldRows = lines.Skip(1).Select(l => l.Split(',')).Where(c => cold.Contains(c[0])).ToList();
            Assert.Equal(4, coldRows.Count);
            Assert.All(coldRows, c => Assert.True(DateTimeOffset.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture) > options.WindowEnd.AddDays(-14)));
            Assert.DoesNotContain(generator.Generate(), e => e.Item >= options.Items);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
