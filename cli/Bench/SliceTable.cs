using System.Globalization;
using System.Text;
using Tailor.Evaluation;

namespace Tailor.Cli.Bench;

/// <summary>Per-segment and per-activity-bucket metrics as a Markdown table: users, NDCG@k of the candidate, of
/// popularity, of the candidate with the light-user segment blend, and of the serving model where measured.</summary>
public static class SliceTable
{
    public static string Markdown(string title, IReadOnlyList<SliceMetrics> slices, int k)
    {
        if (slices.Count == 0)
        {
            return "";
        }

        var blended = slices.Any(s => s.Blended is not null);
        var current = slices.Any(s => s.Current is not null);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"| {title} | label | users | candidate NDCG@{k} | popularity NDCG@{k} |");
        text.Append(blended ? " candidate + segment blend |" : "").Append(current ? " serving (new interactions) |" : "").AppendLine();
        text.Append("|---|---|---:|---:|---:|").Append(blended ? "---:|" : "").Append(current ? "---:|" : "").AppendLine();
        foreach (var s in slices)
        {
            var flag = s.Candidate.Users > 0 && s.Candidate.Ndcg < s.Popularity.Ndcg ? " ⚠" : "";
            text.Append(CultureInfo.InvariantCulture, $"| {s.Slice} | {s.Label} | {s.Candidate.Users} | {s.Candidate.Ndcg:F4}{flag} | {s.Popularity.Ndcg:F4} |");
            if (blended)
            {
                text.Append(CultureInfo.InvariantCulture, $" {(s.Blended is { } b ? b.Ndcg.ToString("F4", CultureInfo.InvariantCulture) : "")} |");
            }

            if (current)
            {
                text.Append(CultureInfo.InvariantCulture, $" {(s.Current is { } c ? c.Ndcg.ToString("F4", CultureInfo.InvariantCulture) : "")} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
