namespace Tailor.Cli.Stats;

/// <summary>The shape of an event file, in the rows public dataset statistics are reported in.</summary>
/// <param name="Users">Distinct users.</param>
/// <param name="Items">Distinct items.</param>
/// <param name="Interactions">Valid events.</param>
/// <param name="Density">Interactions / (users × items).</param>
/// <param name="PerUser">Events per user.</param>
/// <param name="PerItem">Events per item.</param>
/// <param name="Gini">Gini coefficient of events per item (0 = every item equally popular).</param>
/// <param name="Top1PercentShare">Share of events on the most popular 1 % of items.</param>
/// <param name="Top10PercentShare">Share of events on the most popular 10 % of items.</param>
/// <param name="EventTypes">Events by type, most frequent first.</param>
/// <param name="Ratings">Share of rating events by value, by ascending value; empty when there are none.</param>
public sealed record EventStatisticsReport(
    int Users,
    int Items,
    long Interactions,
    double Density,
    CountSummary PerUser,
    CountSummary PerItem,
    double Gini,
    double Top1PercentShare,
    double Top10PercentShare,
    IReadOnlyList<KeyValuePair<string, long>> EventTypes,
    IReadOnlyList<KeyValuePair<double, double>> Ratings);
