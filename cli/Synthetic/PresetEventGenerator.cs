using System.Globalization;

namespace Tailor.Cli.Synthetic;

/// <summary>
/// Generates data shaped like a <see cref="DatasetPreset"/>, deterministic for its seed and streaming (memory
/// grows with users and items, never with events). Items get a popularity weight read off the preset's
/// per-item quantiles and 1–6 categories; users get a number of events read off the per-user quantiles (rescaled
/// to the exact total) and a taste for a few categories. Every choice is, with probability
/// <see cref="DatasetPreset.Herd"/>, by popularity alone, otherwise a category the user likes and then an item
/// of it by popularity. Ratings presets draw each user's items without replacement (an exponential race over
/// those choice weights) and rate them 1–5 in the preset's distribution, higher where the taste matches; shop
/// presets draw with replacement and emit view → click → add_to_cart → purchase funnels.
/// </summary>
public sealed partial class PresetEventGenerator
{
    /// <summary>Share of items with 1, 2, … 6 categories (median 2).</summary>
    private static readonly double[] s_categoryCountShares = [0.40, 0.33, 0.15, 0.08, 0.03, 0.01];

    private readonly DatasetPreset _preset;
    private readonly double[] _popularity;
    private readonly int[][] _itemCategories;
    private readonly int[] _itemTaste;
    private readonly int[] _homes;
    private readonly double[] _tasteMass;
    private readonly double _totalMass;
    private readonly int[] _activity;
    private readonly int[][] _tasteGroups;
    private readonly double[][] _tasteWeights;

    // Every item has one owner, a user whose events include it, so that every item appears in the data:
    // user u owns _owned[_ownedStart[u].._ownedStart[u + 1]].
    private readonly int[] _ownedStart;
    private readonly int[] _owned;

    public PresetEventGenerator(DatasetPreset preset)
    {
        preset.Validate();
        _preset = preset;
        var random = new Random(preset.Seed);
        int items = preset.Items, users = preset.Users, k = preset.Categories;

        // Category prevalence: a few broad categories, many narrow ones.
        var prevalence = new double[k];
        for (var c = 0; c < k; c++)
        {
            prevalence[c] = 1.0 / Math.Pow(c + 1, 0.8);
        }

        // Taste groups (finer than categories): each has a home category its items always carry.
        var groups = preset.TasteGroups;
        var groupSizes = new double[groups];
        var homes = _homes = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            groupSizes[g] = 1.0 / Math.Pow(g + 1, 0.5);
            homes[g] = DrawDistinct(prevalence, 1, random)[0];
        }

        var ranks = Enumerable.Range(0, items).ToArray();
        random.Shuffle(ranks);
        _popularity = new double[items];
        _itemCategories = new int[items][];
        _itemTaste = new int[items];
        _tasteMass = new double[groups];
        var counts = new DiscreteSampler(s_categoryCountShares, [1, 2, 3, 4, 5, 6]);
        var groupSampler = new DiscreteSampler(groupSizes);
        for (var i = 0; i < items; i++)
        {
            _popularity[i] = Math.Pow(preset.ItemPopularity.At(1 - (ranks[i] + 0.5) / items), preset.PopularityBoost);
            var group = groupSampler.Sample(random);
            _itemTaste[i] = group;
            _tasteMass[group] += _popularity[i];
            _itemCategories[i] = WithHome(homes[group], DrawDistinct(prevalence, Math.Min(k, counts.Sample(random)), random));
            _totalMass += _popularity[i];
        }

        _tasteGroups = new int[users][];
        _tasteWeights = new double[users][];
        var raw = new double[users];
        for (var u = 0; u < users; u++)
        {
            var liked = Math.Min(groups, 1 + (random.NextDouble() < 0.7 ? 1 : 0) + (random.NextDouble() < 0.4 ? 1 : 0) + (random.NextDouble() < 0.15 ? 1 : 0));
            _tasteGroups[u] = DrawDistinct(groupSizes, liked, random);
            var weights = new double[liked];
            var sum = 0.0;
            for (var j = 0; j < liked; j++)
            {
                weights[j] = Math.Pow(-Math.Log(1 - random.NextDouble()), preset.TasteFocus);
                sum += weights[j];
            }

            for (var j = 0; j < liked; j++)
            {
                weights[j] /= sum;
            }

            _tasteWeights[u] = weights;
            raw[u] = preset.UserActivity.At(random.NextDouble());
        }

        var cap = preset.Kind == PresetKind.Ratings ? items : int.MaxValue;
        _activity = ActivityAllocation.Allocate(raw, preset.Events, preset.MinEventsPerUser, cap);
        (_ownedStart, _owned) = AssignOwners(random);
    }

    public DatasetPreset Preset => _preset;

    /// <summary>How many events each user gets (sums to <see cref="DatasetPreset.Events"/>).</summary>
    public IReadOnlyList<int> EventsPerUser => _activity;

    /// <summary>The categories of each item, by item index.</summary>
    public IReadOnlyList<int> Categories(int item) => _itemCategories[item];

    /// <summary>The events, user after user, deterministic for the preset.</summary>
    public IEnumerable<SyntheticEvent> Generate() =>
        _preset.Kind == PresetKind.Ratings ? GenerateRatings() : GenerateShop();

    /// <summary>Writes the events CSV (<c>user_id,item_id,event_type,value,timestamp</c>, Unix seconds).</summary>
    public Task WriteEventsAsync(Stream stream, CancellationToken cancellationToken = default) =>
        SyntheticCsv.WriteEventsAsync(Generate(), stream, cancellationToken);

    /// <summary>Writes the events CSV to <paramref name="path"/> (gzip-compressed when it ends with <c>.gz</c>).</summary>
    public Task WriteEventsAsync(string path, CancellationToken cancellationToken = default) =>
        SyntheticCsv.WriteFileAsync(path, WriteEventsAsync, cancellationToken);

    /// <summary>Writes the catalog CSV (<see cref="SyntheticCatalog"/>): each item's categories, and as tags its taste
    /// group's theme (what users choose by, finer than categories) and a tag that says nothing about taste; then
    /// <see cref="DatasetPreset.ColdItems"/> items no event names (ids after the last item, each of a taste group,
    /// carrying its home category and theme, created in the window's last week).</summary>
    public Task WriteCatalogAsync(Stream stream, CancellationToken cancellationToken = default) =>
        SyntheticCatalog.WriteAsync(CatalogItems(), stream, cancellationToken);

    /// <summary>The taste group of cold item <paramref name="j"/> (item id <c>i{Items + j}</c>).</summary>
    public int ColdItemTaste(int j) => j % _preset.TasteGroups;

    private IEnumerable<SyntheticCatalogItem> CatalogItems()
    {
        var end = GeneratorOptions.DefaultEnd;
        for (var i = 0; i < _preset.Items; i++)
        {
            yield return CatalogItem(i, _itemTaste[i], [.. _itemCategories[i].Select(CategoryName)], end.AddDays(-_preset.Days - 30 - (i % 365)));
        }

        for (var j = 0; j < _preset.ColdItems; j++)
        {
            var taste = ColdItemTaste(j);
            yield return CatalogItem(_preset.Items + j, taste, [CategoryName(_homes[taste])], end.AddDays(-1 - (j % 7)));
        }
    }

    private static SyntheticCatalogItem CatalogItem(int item, int taste, string[] categories, DateTimeOffset created)
    {
        var theme = SyntheticCatalog.Theme(taste);
        return new SyntheticCatalogItem(
            item, $"Item {item}", categories, [theme, SyntheticCatalog.NoiseTag(item)], created,
            SyntheticCatalog.Description(theme, categories[0]), 5 + ((item * 37) % 95));
    }

    /// <summary>Writes the catalog CSV to <paramref name="path"/> (gzip-compressed when it ends with <c>.gz</c>).</summary>
    public Task WriteCatalogAsync(string path, CancellationToken cancellationToken = default) =>
        SyntheticCsv.WriteFileAsync(path, WriteCatalogAsync, cancellationToken);

    /// <summary>The name of category <paramref name="category"/> (<c>c0</c>, <c>c1</c>, …).</summary>
    public static string CategoryName(int category) => "c" + category.ToString(CultureInfo.InvariantCulture);

    /// <summary>Gives every item an owner drawn in proportion to activity, at most a quarter of a user's events.</summary>
    private (int[] Start, int[] Owned) AssignOwners(Random random)
    {
        var users = new DiscreteSampler([.. _activity.Select(a => (double)a)]);
        var owner = new int[_preset.Items];
        var owns = new int[_preset.Users];
        for (var i = 0; i < owner.Length; i++)
        {
            var user = users.Sample(random);
            for (var attempt = 0; attempt < 100 && owns[user] >= _activity[user] / 4; attempt++)
            {
                user = users.Sample(random);
            }

            owner[i] = user;
            owns[user]++;
        }

        var start = new int[_preset.Users + 1];
        for (var u = 0; u < owns.Length; u++)
        {
            start[u + 1] = start[u] + owns[u];
        }

        var owned = new int[owner.Length];
        var next = start[..^1];
        for (var i = 0; i < owner.Length; i++)
        {
            owned[next[owner[i]]++] = i;
        }

        return (start, owned);
    }

    /// <summary><paramref name="drawn"/> with <paramref name="home"/> first (replacing the last one when absent).</summary>
    private static int[] WithHome(int home, int[] drawn)
    {
        var at = Array.IndexOf(drawn, home);
        if (at < 0)
        {
            at = drawn.Length - 1;
            drawn[at] = home;
        }

        (drawn[0], drawn[at]) = (drawn[at], drawn[0]);
        return drawn;
    }

    /// <summary>Draws <paramref name="count"/> distinct indexes in proportion to <paramref name="weights"/>.</summary>
    private static int[] DrawDistinct(double[] weights, int count, Random random)
    {
        var chosen = new int[count];
        for (var j = 0; j < count; j++)
        {
            var total = 0.0;
            for (var c = 0; c < weights.Length; c++)
            {
                total += Array.IndexOf(chosen, c, 0, j) < 0 ? weights[c] : 0;
            }

            var target = random.NextDouble() * total;
            var pick = -1;
            for (var c = 0; c < weights.Length; c++)
            {
                if (Array.IndexOf(chosen, c, 0, j) >= 0)
                {
                    continue;
                }

                pick = c;
                target -= weights[c];
                if (target < 0)
                {
                    break;
                }
            }

            chosen[j] = pick;
        }

        return chosen;
    }
}
