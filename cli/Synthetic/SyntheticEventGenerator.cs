using System.Globalization;
using Tailor.Events;

namespace Tailor.Cli.Synthetic;

/// <summary>
/// Generates realistic, deterministic interaction data with a planted structure that recommenders can find:
/// every item belongs to one of K taste clusters (its category) and has a Zipf-like popularity; every user
/// prefers a few clusters (the first is the user's planted cluster) and has a heavy-tailed (Pareto) activity.
/// Events come in sessions (a handful of events minutes apart, spread over the window) that browse one cluster
/// the user prefers (or, with probability <see cref="GeneratorOptions.Noise"/>, the whole catalogue). Event types
/// are mixed like a shop's: views most, then clicks, add-to-carts, likes, purchases (rare) and ratings (rarer).
/// Ratings are high (4–5) inside a preferred cluster and low (1–3) outside it.
/// </summary>
public sealed class SyntheticEventGenerator
{
    private static readonly string[] s_types = ["view", "click", "like", "add_to_cart", "purchase", "rating"];
    private static readonly double[] s_typeWeights = [0.62, 0.18, 0.06, 0.08, 0.04, 0.02];
    private static readonly string[] s_categoryNames =
        ["books", "electronics", "garden", "toys", "fashion", "sports", "music", "home", "beauty", "games", "food", "travel"];

    private readonly GeneratorOptions _options;
    private readonly int[] _itemClusters;
    private readonly int[] _userClusters;
    private readonly int[][] _userPreferences;
    private readonly double[][] _userPreferenceWeights;
    private readonly double[] _prices;
    private readonly DiscreteSampler _users;
    private readonly DiscreteSampler _allItems;
    private readonly DiscreteSampler[] _clusterItems;

    public SyntheticEventGenerator(GeneratorOptions options)
    {
        options.Validate();
        _options = options;
        var random = new Random(options.Seed);
        int k = options.Clusters, items = options.Items, users = options.Users;

        // Items: a balanced, shuffled cluster assignment; popularity 1/(rank+1)^s over a random ranking.
        _itemClusters = [.. Enumerable.Range(0, items).Select(i => i % k)];
        random.Shuffle(_itemClusters);
        var ranks = Enumerable.Range(0, items).ToArray();
        random.Shuffle(ranks);
        var popularity = ranks.Select(r => 1.0 / Math.Pow(r + 1, options.PopularityExponent)).ToArray();
        _prices = [.. Enumerable.Range(0, items).Select(_ => Math.Round(5 + 195 * random.NextDouble() * random.NextDouble(), 2))];
        _allItems = new DiscreteSampler(popularity);
        _clusterItems = new DiscreteSampler[k];
        for (var c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, items).Where(i => _itemClusters[i] == c).ToArray();
            _clusterItems[c] = new DiscreteSampler([.. members.Select(i => popularity[i])], members);
        }

        // Users: one to three preferred clusters (the first dominant) and a Pareto activity.
        _userClusters = new int[users];
        _userPreferences = new int[users][];
        _userPreferenceWeights = new double[users][];
        var activity = new double[users];
        for (var u = 0; u < users; u++)
        {
            var count = Math.Min(k, 1 + (random.NextDouble() < 0.5 ? 1 : 0) + (random.NextDouble() < 0.2 ? 1 : 0));
            var preferred = Enumerable.Range(0, k).OrderBy(_ => random.Next()).Take(count).ToArray();
            var primary = 0.6 + 0.3 * random.NextDouble();
            _userClusters[u] = preferred[0];
            _userPreferences[u] = preferred;
            _userPreferenceWeights[u] = [.. preferred.Select((_, i) => i == 0 ? primary : (1 - primary) / (count - 1))];
            activity[u] = Math.Min(Math.Pow(1 - random.NextDouble(), -1 / options.ActivityShape), 1000);
        }

        _users = new DiscreteSampler(activity);
    }

    public GeneratorOptions Options => _options;

    /// <summary>The planted cluster of each item (its category), by item index.</summary>
    public IReadOnlyList<int> ItemClusters => _itemClusters;

    /// <summary>The planted (dominant) cluster of each user, by user index.</summary>
    public IReadOnlyList<int> UserClusters => _userClusters;

    /// <summary>All clusters each user prefers, dominant first.</summary>
    public IReadOnlyList<int> PreferredClusters(int user) => _userPreferences[user];

    public static string UserId(int user) => "u" + user.ToString(CultureInfo.InvariantCulture);

    public static string ItemId(int item) => "i" + item.ToString(CultureInfo.InvariantCulture);

    /// <summary>The category name of cluster <paramref name="cluster"/>.</summary>
    public static string CategoryName(int cluster) =>
        cluster < s_categoryNames.Length
            ? s_categoryNames[cluster]
            : s_categoryNames[cluster % s_categoryNames.Length] + (cluster / s_categoryNames.Length + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The events, deterministic for the options (not sorted by time: session after session).</summary>
    public IEnumerable<SyntheticEvent> Generate()
    {
        var random = new Random(unchecked(_options.Seed * 7919 + 17));
        var types = new DiscreteSampler(s_typeWeights);
        var end = _options.WindowEnd.ToUnixTimeSeconds();
        var window = _options.Days * 86_400L;
        long emitted = 0;
        while (emitted < _options.Events)
        {
            var user = _users.Sample(random);
            var noise = random.NextDouble() < _options.Noise;
            var cluster = noise ? -1 : _userPreferences[user][SampleIndex(_userPreferenceWeights[user], random)];
            var length = 1 + (int)Math.Min(30, -Math.Log(1 - random.NextDouble()) * 3);
            var time = end - window + (long)(random.NextDouble() * (window - 3600));
            for (var e = 0; e < length && emitted < _options.Events; e++, emitted++)
            {
                var item = cluster < 0 ? _allItems.Sample(random) : _clusterItems[cluster].Sample(random);
                var type = s_types[types.Sample(random)];
                double? value = type switch
                {
                    "purchase" => _prices[item],
                    "rating" => Rating(user, item, random),
                    _ => null,
                };
                yield return new SyntheticEvent(user, item, type, value, time);
                time += 5 + (long)(-Math.Log(1 - random.NextDouble()) * 60);
            }
        }
    }

    /// <summary>The events as <see cref="InteractionEvent"/>s, weighted under <paramref name="options"/>
    /// (defaults when null) exactly as ingestion would weight them.</summary>
    public IEnumerable<InteractionEvent> GenerateInteractions(EventOptions? options = null)
    {
        options ??= new EventOptions();
        foreach (var e in Generate())
        {
            var weight = e.EventType == options.RatingEventType && e.Value is { } rating ? (float)rating
                : options.Weights.TryGetValue(e.EventType, out var configured) ? configured : 1f;
            yield return new InteractionEvent(UserId(e.User), ItemId(e.Item), e.EventType, e.Value, weight,
                DateTimeOffset.FromUnixTimeSeconds(e.UnixSeconds));
        }
    }

    /// <summary>Writes the events CSV (<c>user_id,item_id,event_type,value,timestamp</c>, Unix seconds).</summary>
    public Task WriteEventsAsync(Stream stream, CancellationToken cancellationToken = default) =>
        SyntheticCsv.WriteEventsAsync(Generate(), stream, cancellationToken);

    /// <summary>Writes the events CSV to <paramref name="path"/> (gzip-compressed when it ends with <c>.gz</c>).</summary>
    public Task WriteEventsAsync(string path, CancellationToken cancellationToken = default) =>
        SyntheticCsv.WriteFileAsync(path, WriteEventsAsync, cancellationToken);

    /// <summary>Writes the catalog CSV (<c>item_id,title,categories,tags,created,description,price</c>): categories
    /// <c>|</c>-separated, the cluster's category and a sub-category; tags the cluster's theme and a tag that says
    /// nothing about taste; so category and theme together name the taste cluster users choose by. Then the
    /// <see cref="GeneratorOptions.ColdItems"/> items no event names (ids after the last item, each of a cluster,
    /// created in the window's last days).</summary>
    public Task WriteCatalogAsync(Stream stream, CancellationToken cancellationToken = default) =>
        SyntheticCatalog.WriteAsync(CatalogItems(), stream, cancellationToken);

    private IEnumerable<SyntheticCatalogItem> CatalogItems()
    {
        var end = _options.WindowEnd;
        for (var i = 0; i < _options.Items; i++)
        {
            yield return CatalogItem(i, _itemClusters[i], end.AddDays(-_options.Days - 30 - (i % 365)), _prices[i]);
        }

        for (var j = 0; j < _options.ColdItems; j++)
        {
            yield return CatalogItem(_options.Items + j, ColdItemCluster(j), end.AddDays(-1 - (j % 7)), 20 + (j % 50));
        }
    }

    /// <summary>The taste cluster of cold item <paramref name="j"/> (item id <c>i{Items + j}</c>).</summary>
    public int ColdItemCluster(int j) => j % _options.Clusters;

    /// <summary>The id of cold item <paramref name="j"/>: the first one after the items events name.</summary>
    public string ColdItemId(int j) => ItemId(_options.Items + j);

    /// <summary>The theme tag of cluster <paramref name="cluster"/>.</summary>
    public static string ThemeName(int cluster) => SyntheticCatalog.Theme(((cluster / s_categoryNames.Length) + cluster) % SyntheticCatalog.ThemeCount);

    private static SyntheticCatalogItem CatalogItem(int item, int cluster, DateTimeOffset created, double price)
    {
        var category = CategoryName(cluster);
        var theme = ThemeName(cluster);
        var title = $"{char.ToUpperInvariant(theme[0])}{theme[1..]} {category} item {item}";
        return new SyntheticCatalogItem(
            item, title, [category, category + "/" + (char)('a' + (item % 5))], [theme, SyntheticCatalog.NoiseTag(item)], created,
            SyntheticCatalog.Description(theme, category), price);
    }

    /// <summary>Writes the catalog CSV to <paramref name="path"/> (gzip-compressed when it ends with <c>.gz</c>).</summary>
    public Task WriteCatalogAsync(string path, CancellationToken cancellationToken = default) =>
        SyntheticCsv.WriteFileAsync(path, WriteCatalogAsync, cancellationToken);

    private double Rating(int user, int item, Random random)
    {
        var liked = Array.IndexOf(_userPreferences[user], _itemClusters[item]) >= 0;
        return liked ? (random.NextDouble() < 0.6 ? 5 : 4) : 1 + random.Next(3);
    }

    private static int SampleIndex(double[] weights, Random random)
    {
        var target = random.NextDouble();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
