namespace Tailor.Feedback;

/// <summary>The online metrics of impressions served in [<see cref="From"/>, <see cref="To"/>), grouped by
/// <see cref="By"/>, with the champion/challenger comparison when both variants served.</summary>
public sealed record OnlineMetricsTable(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> By,
    int WindowHours,
    int K,
    IReadOnlyList<OnlineMetricRow> Rows,
    VariantComparison? Comparison);

/// <summary>One group's figures. Key columns not grouped by are null. <see cref="ClickThrough"/>: impressions with at
/// least one later event on a served item within the window, over impressions; <see cref="Conversion"/>: the same
/// with a purchase; <see cref="HitRate"/>: with an event on an item in the first k positions; <see cref="Coverage"/>:
/// distinct items served over the items the serving model knows (null when not known); <see cref="Value"/>: the
/// summed weights of the attributed events.</summary>
public sealed record OnlineMetricRow(
    string? ModelVersion,
    string? Strategy,
    string? Variant,
    string? Segment,
    string? Period,
    long Impressions,
    long Clicked,
    long Converted,
    long Hits,
    int DistinctItems,
    double ClickThrough,
    double Conversion,
    double HitRate,
    double? Coverage,
    double Value);

/// <summary>Challenger minus champion click-through with its 95 % confidence interval (two-proportion, normal
/// approximation); <see cref="Significant"/> when the interval excludes zero.</summary>
public sealed record VariantComparison(
    long ChampionImpressions,
    double ChampionClickThrough,
    long ChallengerImpressions,
    double ChallengerClickThrough,
    double Difference,
    double Low,
    double High,
    bool Significant);
