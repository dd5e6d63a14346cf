namespace Tailor.Cli.Synthetic;

public sealed partial class PresetEventGenerator
{
    /// <summary>Chance that a view leads to a click, a click to an add-to-cart, an add-to-cart to a purchase.</summary>
    private const double ClickRate = 0.30, CartRate = 0.35, PurchaseRate = 0.50;

    private IEnumerable<SyntheticEvent> GenerateShop()
    {
        var random = new Random(unchecked(_preset.Seed * 7919 + 17));
        var all = new DiscreteSampler(_popularity);
        var byGroup = new DiscreteSampler[_preset.TasteGroups];
        var members = Enumerable.Range(0, _preset.Items).GroupBy(i => _itemTaste[i]).ToDictionary(g => g.Key, g => g.ToArray());
        for (var g = 0; g < byGroup.Length; g++)
        {
            byGroup[g] = members.TryGetValue(g, out var group) ? new DiscreteSampler([.. group.Select(i => _popularity[i])], group) : all;
        }

        var end = GeneratorOptions.DefaultEnd.ToUnixTimeSeconds();
        var window = _preset.Days * 86_400L;
        for (var user = 0; user < _preset.Users; user++)
        {
            var left = _activity[user];
            long time = 0;
            var owned = _ownedStart[user];
            while (left > 0)
            {
                if (time == 0 || random.NextDouble() < 0.2)
                {
                    time = end - window + (long)(random.NextDouble() * (window - 3_600));
                }

                var item = owned < _ownedStart[user + 1] ? _owned[owned++]
                    : random.NextDouble() < _preset.Herd ? all.Sample(random) : byGroup[TasteGroup(user, random)].Sample(random);
                foreach (var type in Funnel(random))
                {
                    if (left == 0)
                    {
                        break;
                    }

                    var value = type == "purchase" ? Price(item) : (double?)null;
                    yield return new SyntheticEvent(user, item, type, value, Math.Min(time, end - 1));
                    time += 5 + (long)(-Math.Log(1 - random.NextDouble()) * 60);
                    left--;
                }
            }
        }
    }

    private int TasteGroup(int user, Random random)
    {
        var target = random.NextDouble();
        var weights = _tasteWeights[user];
        for (var j = 0; j < weights.Length - 1; j++)
        {
            target -= weights[j];
            if (target < 0)
            {
                return _tasteGroups[user][j];
            }
        }

        return _tasteGroups[user][^1];
    }

    private static IEnumerable<string> Funnel(Random random)
    {
        yield return "view";
        if (random.NextDouble() >= ClickRate)
        {
            yield break;
        }

        yield return "click";
        if (random.NextDouble() >= CartRate)
        {
            yield break;
        }

        yield return "add_to_cart";
        if (random.NextDouble() < PurchaseRate)
        {
            yield return "purchase";
        }
    }

    /// <summary>A fixed price per item, from 5 to 200, most of them low.</summary>
    private static double Price(int item)
    {
        var hash = (uint)item * 2_654_435_761u;
        var unit = (hash >> 8) / (double)(1 << 24);
        return Math.Round(5 + 195 * unit * unit, 2);
    }
}
