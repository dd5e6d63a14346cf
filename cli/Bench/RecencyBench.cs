using System.Globalization;
using System.Text;
using Tailor.Evaluation;

namespace Tailor.Cli.Bench;

/// <summary>The recency section of <c>tailor bench</c> on a time-aware split: NDCG@k of the tuned model with the
/// half-life off and with the tuner's choice, and trending against popular for users the model does not know.</summary>
internal static class RecencyBench
{
    public static string Table(RecencyReport r, int k)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"{"recency",-44} {"NDCG@" + k,8} {"P@" + k,8}"));
        foreach (var (name, m) in Rows(r))
        {
            text.AppendLine(m is null ? string.Create(c, $"  {name,-42} {"—",8}") : string.Create(c, $"  {name,-42} {m.Ndcg,8:F4} {m.Precision,8:F4}"));
        }

        return text.ToString();
    }

    public static string Markdown(RecencyReport r, int k)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Recency");
        text.AppendLine();
        text.AppendLine("Half-life: the tuned model with `Tailor:Training:HalfLifeDays` off against `auto` (the tuner compares off and");
        text.AppendLine("each half-life on a temporal validation split carved from the training data). Fallbacks: the same list for");
        text.AppendLine(string.Create(c, $"every test user, seen items excluded; cold users have at most {RecencyBenchmark.ColdUserInteractions} training interactions ({r.ColdUsers} users)."));
        text.AppendLine();
        text.AppendLine(string.Create(c, $"| entry | NDCG@{k} | P@{k} |"));
        text.AppendLine("|---|---|---|");
        foreach (var (name, m) in Rows(r))
        {
            text.AppendLine(m is null ? $"| {name} | — | — |" : string.Create(c, $"| {name} | {m.Ndcg:0.0000} | {m.Precision:0.0000} |"));
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, MetricSet? Metrics)> Rows(RecencyReport r)
    {
        var chosen = r.ChosenHalfLifeDays is { } days ? string.Create(CultureInfo.InvariantCulture, $"chose {days:0.#} d") : "kept off";
        yield return ($"tuned, half-life off ({r.OffAlgorithm})", r.Off);
        yield return ($"tuned, half-life auto ({r.TunedAlgorithm}, {chosen})", r.Tuned);
        yield return ("unknown users: popular", r.Popular);
        yield return (string.Create(CultureInfo.InvariantCulture, $"unknown users: trending ({r.TrendingDays} d, {(r.TrendingChosen ? "chosen" : "not chosen")})"), r.Trending);
        yield return ("cold users: popular", r.ColdPopular);
        yield return ("cold users: trending", r.ColdTrending);
    }
}
