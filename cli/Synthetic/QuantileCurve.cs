namespace Tailor.Cli.Synthetic;

/// <summary>
/// A distribution given by a few quantiles (as DATA-FACTS reports them: min, p10, median, p90, p99, max),
/// interpolated log-linearly between the knots, so that a draw lands exactly on the stated quantiles.
/// </summary>
public sealed class QuantileCurve
{
    private readonly double[] _probabilities;
    private readonly double[] _logValues;

    /// <param name="probabilities">Increasing cumulative probabilities from 0 to 1.</param>
    /// <param name="values">The positive value at each probability (non-decreasing).</param>
    public QuantileCurve(IReadOnlyList<double> probabilities, IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Count, probabilities.Count, nameof(values));
        ArgumentOutOfRangeException.ThrowIfLessThan(probabilities.Count, 2, nameof(probabilities));
        _probabilities = [.. probabilities];
        _logValues = [.. values.Select(v => Math.Log(v))];
    }

    /// <summary>The curve through min, p10, median, p90, p99 and max.</summary>
    public static QuantileCurve FromSummary(double min, double p10, double median, double p90, double p99, double max) =>
        new([0, 0.1, 0.5, 0.9, 0.99, 1], [min, p10, median, p90, p99, max]);

    /// <summary>The value at cumulative probability <paramref name="p"/> (clamped to [0, 1]).</summary>
    public double At(double p)
    {
        p = Math.Clamp(p, 0, 1);
        var upper = 1;
        while (upper < _probabilities.Length - 1 && _probabilities[upper] < p)
        {
            upper++;
        }

        var lower = upper - 1;
        var span = _probabilities[upper] - _probabilities[lower];
        var t = span > 0 ? (p - _probabilities[lower]) / span : 0;
        return Math.Exp(_logValues[lower] + t * (_logValues[upper] - _logValues[lower]));
    }
}
