namespace Tailor.Cli.Synthetic;

public sealed partial class PresetEventGenerator
{
    private IEnumerable<SyntheticEvent> GenerateRatings()
    {
        var random = new Random(unchecked(_preset.Seed * 7919 + 17));
        var items = _preset.Items;
        var keys = new double[items];
        var order = new int[items];
        var taste = new double[_preset.TasteGroups];
        var match = new double[items];
        var byAffinity = new int[items];
        var affinityKeys = new double[items];
        var ratingCumulative = Cumulative(_preset.RatingShares!);
        var end = GeneratorOptions.DefaultEnd.ToUnixTimeSeconds();
        var window = _preset.Days * 86_400L;
        for (var user = 0; user < _preset.Users; user++)
        {
            FillTaste(user, taste);
            for (var i = 0; i < items; i++)
            {
                var group = _itemTaste[i];
                var like = taste[group] / _tasteMass[group];
                match[i] = taste[group];
                var weight = _popularity[i] * (_preset.Herd / _totalMass + (1 - _preset.Herd) * like);
                keys[i] = -Math.Log(1 - random.NextDouble()) / weight;
                order[i] = i;
            }

            for (var o = _ownedStart[user]; o < _ownedStart[user + 1]; o++)
            {
                keys[_owned[o]] = -1;
            }

            // The exponential race: the n smallest keys are a weighted draw of n items without replacement.
            var n = _activity[user];
            Array.Sort(keys, order);
            var chosen = order;
            random.Shuffle(order.AsSpan(0, n));

            // Rank the chosen items by how well they match the user's taste, to make ratings follow it.
            for (var j = 0; j < n; j++)
            {
                byAffinity[j] = j;
                affinityKeys[j] = match[chosen[j]] + 1e-9 * random.NextDouble();
            }

            Array.Sort(affinityKeys, byAffinity, 0, n);
            for (var r = 0; r < n; r++)
            {
                affinityKeys[byAffinity[r]] = (r + 0.5) / n;
            }

            var time = end - window + (long)(random.NextDouble() * (window - 86_400));
            for (var j = 0; j < n; j++)
            {
                var quantile = random.NextDouble() < _preset.RatingTaste ? affinityKeys[j] : random.NextDouble();
                yield return new SyntheticEvent(user, chosen[j], "rating", RatingAt(ratingCumulative, quantile), Math.Min(time, end - 1));
                time += 5 + (long)(-Math.Log(1 - random.NextDouble()) * (random.NextDouble() < 0.05 ? 7 * 86_400 : 120));
            }
        }
    }

    private void FillTaste(int user, double[] taste)
    {
        Array.Clear(taste);
        var groups = _tasteGroups[user];
        for (var j = 0; j < groups.Length; j++)
        {
            taste[groups[j]] = _tasteWeights[user][j];
        }
    }

    private static double[] Cumulative(IReadOnlyList<double> shares)
    {
        var total = shares.Sum();
        var cumulative = new double[shares.Count];
        var sum = 0.0;
        for (var i = 0; i < shares.Count; i++)
        {
            sum += shares[i] / total;
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static double RatingAt(double[] cumulative, double quantile)
    {
        for (var i = 0; i < cumulative.Length - 1; i++)
        {
            if (quantile < cumulative[i])
            {
                return i + 1;
            }
        }

        return cumulative.Length;
    }
}
