using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ScottPlot;
using Tailor.Evaluation;

namespace Tailor.Cli.Bench;

/// <summary>Writes a <see cref="BenchmarkReport"/> as a console table, <c>bench.json</c>, <c>bench.md</c> and
/// <c>ndcg_vs_time.png</c> (NDCG@k against training seconds).</summary>
internal static class BenchReportWriter
{
    public const string PlotFile = "ndcg_vs_time.png";

    private static readonly JsonWriterOptions s_json = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Table(BenchmarkReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var k = report.K;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(c, $"{"model",-28} {"P@" + k,8} {"R@" + k,8} {"NDCG@" + k,8} {"MAP@" + k,8} {"train s",9} {"score s",8} {"alloc MB",9} {"peak MB",8}"));
        foreach (var e in report.Entries)
        {
            if (e.Metrics is { } m)
            {
                sb.AppendLine(string.Create(c, $"{e.Name,-28} {m.Precision,8:F4} {m.Recall,8:F4} {m.Ndcg,8:F4} {m.Map,8:F4} {e.TrainingSeconds,9:F2} {e.ScoringSeconds,8:F2} {e.AllocatedBytes / 1e6,9:F0} {e.PeakWorkingSetBytes / 1e6,8:F0}"));
            }
            else
            {
                sb.AppendLine(string.Create(c, $"{e.Name,-28} refused: {e.Note}"));
            }
        }

        return sb.ToString();
    }

    public static async Task WriteAsync(BenchmarkReport report, string dataName, DirectoryInfo outDir, CancellationToken cancellationToken)
    {
        outDir.Create();
        await File.WriteAllBytesAsync(Path.Combine(outDir.FullName, "bench.json"), Json(report, dataName), cancellationToken).ConfigureAwait(false);
        Plot(report, Path.Combine(outDir.FullName, PlotFile));
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "bench.md"), Markdown(report, dataName), cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Json(BenchmarkReport report, string dataName)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, s_json))
        {
            w.WriteStartObject();
            w.WriteString("data", dataName);
            w.WriteString("split", report.Split.ToString().ToLowerInvariant());
            w.WriteNumber("k", report.K);
            w.WriteNumber("users", report.Users);
            w.WriteNumber("items", report.Items);
            w.WriteNumber("train_interactions", report.TrainInteractions);
            w.WriteNumber("test_interactions", report.TestInteractions);
            w.WriteStartArray("entries");
            foreach (var e in report.Entries)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteString("algorithm", e.Algorithm);
                w.WriteStartObject("parameters");
                foreach (var p in e.Parameters)
                {
                    w.WriteString(p.Key, p.Value);
                }

                w.WriteEndObject();
                if (e.Metrics is { } m)
                {
                    w.WriteStartObject("metrics");
                    foreach (var (name, value) in m.ToDictionary())
                    {
                        w.WriteNumber(name, value);
                    }

                    w.WriteEndObject();
                }

                w.WriteNumber("training_seconds", e.TrainingSeconds);
                w.WriteNumber("scoring_seconds", e.ScoringSeconds);
                w.WriteNumber("allocated_bytes", e.AllocatedBytes);
                w.WriteNumber("peak_working_set_bytes", e.PeakWorkingSetBytes);
                if (e.Note is not null)
                {
                    w.WriteString("note", e.Note);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string Markdown(BenchmarkReport report, string dataName)
    {
        var c = CultureInfo.InvariantCulture;
        var k = report.K;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(c, $"# Tailor benchmark: {dataName}"));
        sb.AppendLine();
        sb.AppendLine(string.Create(c, $"{report.Users} users, {report.Items} items; {report.Split.ToString().ToLowerInvariant()} split: {report.TrainInteractions} train / {report.TestInteractions} test interactions; top {k}, training items excluded, binary relevance."));
        sb.AppendLine();
        sb.AppendLine(string.Create(c, $"| model | P@{k} | R@{k} | NDCG@{k} | MAP@{k} | coverage | training s | scoring s | allocated MB | peak MB | parameters |"));
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var e in report.Entries)
        {
            var parameters = string.Join(", ", e.Parameters.Select(p => $"{p.Key}={p.Value}")).Replace("|", "\\|", StringComparison.Ordinal);
            if (e.Metrics is { } m)
            {
                sb.AppendLine(string.Create(c, $"| {e.Name} | {m.Precision:F4} | {m.Recall:F4} | {m.Ndcg:F4} | {m.Map:F4} | {m.Coverage:F3} | {e.TrainingSeconds:F2} | {e.ScoringSeconds:F2} | {e.AllocatedBytes / 1e6:F0} | {e.PeakWorkingSetBytes / 1e6:F0} | {parameters} |"));
            }
            else
            {
                sb.AppendLine(string.Create(c, $"| {e.Name} | – | – | – | – | – | {e.TrainingSeconds:F2} | – | – | – | refused: {e.Note} |"));
            }
        }

        foreach (var e in report.Entries.Where(e => e.Note is not null && e.Metrics is not null))
        {
            sb.AppendLine();
            sb.AppendLine(string.Create(c, $"{e.Name}: {e.Note}."));
        }

        sb.AppendLine();
        sb.AppendLine(string.Create(c, $"![NDCG@{k} against training time]({PlotFile})"));
        return sb.ToString();
    }

    private static void Plot(BenchmarkReport report, string path)
    {
        var plot = new Plot();
        foreach (var e in report.Entries.Where(e => e.Metrics is not null))
        {
            var x = Math.Max(e.TrainingSeconds, 1e-3);
            var marker = plot.Add.Marker(x, e.Metrics!.Ndcg);
            marker.MarkerSize = 10;
            var label = plot.Add.Text(e.Name, x, e.Metrics.Ndcg);
            label.LabelFontSize = 11;
            label.OffsetX = 6;
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"NDCG@{report.K} vs training time ({report.Split.ToString().ToLowerInvariant()} split)"));
        plot.XLabel("training seconds");
        plot.YLabel(string.Create(CultureInfo.InvariantCulture, $"NDCG@{report.K}"));
        plot.SavePng(path, 900, 560);
    }
}
