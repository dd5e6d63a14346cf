namespace Tailor.Cli.Stats;

/// <summary>The spread of a count (events per user or per item): min, p10, median, p90, p99 and max, the
/// quantiles linearly interpolated between order statistics.</summary>
public sealed record CountSummary(double Min, double P10, double Median, double P90, double P99, double Max)
{
    /// <summary>The summary of <paramref name="sorted"/> (ascending, not empty).</summary>
    public static CountSummary Of(ReadOnlySpan<int> sorted) => new(
        sorted[0],
        EventStatistics.Quantile(sorted, 0.10),
        EventStatistics.Quantile(sorted, 0.50),
        EventStatistics.Quantile(sorted, 0.90),
        EventStatistics.Quantile(sorted, 0.99),
        sorted[^1]);
}
