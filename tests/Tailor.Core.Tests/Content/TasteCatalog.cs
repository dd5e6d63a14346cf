using System.Globalization;
using Tailor.Catalog;
using Tailor.Interactions;

namespace Tailor.Tests.Content;

/// <summary>A seeded data set whose catalog drives taste: every item has one category and one style tag; a taste
/// is a (category, style) pair, each user likes one or two tastes and takes mostly items of them (by popularity),
/// sometimes any item. Titles carry the style word; a price attribute is noise.</summary>
internal sealed class TasteCatalog
{
    public TasteCatalog(int seed, int users = 500, int items = 300, int categories = 5, int styles = 2, int perUser = 30, double noise = 0.1)
    {
        var random = new Random(seed);
        var tastes = categories * styles;
        ItemIds = [.. Enumerable.Range(0, items).Select(i => "i" + i.ToString(CultureInfo.InvariantCulture))];
        var taste = new int[items];
        var popularity = new double[items];
        var items_ = new List<CatalogItem>(items);
        for (var i = 0; i < items; i++)
        {
            taste[i] = random.Next(tastes);
            popularity[i] = 1.0 / Math.Pow(random.Next(items) + 1, 0.7);
            var category = "cat" + (taste[i] / styles).ToString(CultureInfo.InvariantCulture);
            var style = "style" + (taste[i] % styles).ToString(CultureInfo.InvariantCulture);
            items_.Add(new CatalogItem(
                ItemIds[i], $"{style} thing {i}", [category], [style, "noise" + random.Next(20).ToString(CultureInfo.InvariantCulture)], true, null, null,
                new Dictionary<string, double> { ["price"] = Math.Round(random.NextDouble() * 100, 2) }));
        }

        Catalog = items_;
        var triples = new List<(int User, int Item, float Weight)>();
        for (var u = 0; u < users; u++)
        {
            int[] liked = random.NextDouble() < 0.5 ? [random.Next(tastes)] : [random.Next(tastes), random.Next(tastes)];
            var taken = new HashSet<int>();
            for (var attempt = 0; taken.Count < perUser && attempt < perUser * 20; attempt++)
            {
                var anyItem = random.NextDouble() < noise;
                var want = liked[random.Next(liked.Length)];
                var item = Draw(random, popularity, i => anyItem || taste[i] == want);
                if (item >= 0)
                {
                    taken.Add(item);
                }
            }

            foreach (var item in taken)
            {
                triples.Add((u, item, 1f));
            }
        }

        Matrix = InteractionMatrix.FromTriples(users, items, [.. triples]);
    }

    public string[] ItemIds { get; }

    public IReadOnlyList<CatalogItem> Catalog { get; }

    public InteractionMatrix Matrix { get; }

    private static int Draw(Random random, double[] popularity, Func<int, bool> allowed)
    {
        var total = 0.0;
        for (var i = 0; i < popularity.Length; i++)
        {
            total += allowed(i) ? popularity[i] : 0;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < popularity.Length; i++)
        {
            if (!allowed(i))
            {
                continue;
            }

            target -= popularity[i];
            if (target < 0)
            {
                return i;
            }
        }

        return -1;
    }
}
