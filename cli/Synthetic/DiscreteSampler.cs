namespace Tailor.Cli.Synthetic;

/// <summary>Draws indexes in proportion to weights (cumulative sums and binary search).</summary>
internal sealed class DiscreteSampler
{
    private readonly double[] _cumulative;
    private readonly int[] _values;

    public DiscreteSampler(IReadOnlyList<double> weights, IReadOnlyList<int>? values = null)
    {
        _cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            _cumulative[i] = sum;
        }

        _values = values is null ? [.. Enumerable.Range(0, weights.Count)] : [.. values];
    }

    public int Sample(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index;
        return _values[Math.Min(index, _values.Length - 1)];
    }
}
