using System.Text.Json;
using Tailor.Models;
using Tailor.Evaluation;

namespace Tailor.Tests.Models;

public sealed class ModelDocumentJsonTests
{
    [Fact]
    public void Manifest_round_trips_through_json()
    {
        var manifest = SampleDocuments.Manifest("20261129-041500-ab12cd");

        var json = JsonSerializer.Serialize(manifest, ModelJsonContext.Default.ModelManifest);
        var read = JsonSerializer.Deserialize(json, ModelJsonContext.Default.ModelManifest)!;

        Assert.Equal(manifest.Version, read.Version);
        Assert.Equal(manifest.Algorithm, read.Algorithm);
        Assert.Equal(manifest.Parameters, read.Parameters);
        Assert.Equal(manifest.Data, read.Data);
        Assert.Equal(manifest.TimingsSeconds, read.TimingsSeconds);
        Assert.Equal(manifest.CreatedUtc, read.CreatedUtc);
        Assert.Equal(manifest.Trials[0].Parameters, read.Trials[0].Parameters);
        Assert.Equal(manifest.Trials[0].ValidationNdcg, read.Trials[0].ValidationNdcg);
        Assert.Equal(manifest.Notes, read.Notes);
    }

    [Fact]
    public void Manifest_json_uses_camel_case_names()
    {
        var json = JsonSerializer.Serialize(SampleDocuments.Manifest("v1"), ModelJsonContext.Default.ModelManifest);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("v1", root.GetProperty("version").GetString());
        Assert.Equal(6, root.GetProperty("data").GetProperty("items").GetInt32());
        Assert.Equal(3.5, root.GetProperty("timingsSeconds").GetProperty("train").GetDouble());
        Assert.Equal(0.125, root.GetProperty("trials")[0].GetProperty("validationNdcg").GetDouble());
        Assert.Equal("2026-11-29T04:15:00+00:00", root.GetProperty("createdUtc").GetString());
    }

    [Fact]
    public void Report_round_trips_through_json()
    {
        var report = SampleDocuments.Report("v1") with
        {
            Current = new MetricSet(10, 100, 0.15, 0.25, 0.35, 0.2, 0.55, 0.4, 0.3, 0),
            CurrentVersion = "v0",
            Segments = [new SliceMetrics("s1", "frequent Drama", new MetricSet(10, 40, 0.2, 0.3, 0.5, 0.25, 0.6, 0.45, 0.5, 0), MetricSet.Empty(10))
            {
                Blended = MetricSet.Empty(10),
            }],
            ActivityBuckets = [new SliceMetrics("0-2", "training interactions", MetricSet.Empty(10), MetricSet.Empty(10))],
            LightUserThreshold = 3,
        };

        var json = JsonSerializer.Serialize(report, ModelJsonContext.Default.EvaluationReport);
        var read = JsonSerializer.Deserialize(json, ModelJsonContext.Default.EvaluationReport);

        IReadOnlyList<SliceMetrics> none = [];
        Assert.Equal(report with { Segments = none, ActivityBuckets = none }, read! with { Segments = none, ActivityBuckets = none });
        Assert.Equal(report.Segments, read.Segments);
        Assert.Equal(report.ActivityBuckets, read.ActivityBuckets);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(0.41, document.RootElement.GetProperty("candidate").GetProperty("ndcg").GetDouble());
        Assert.True(document.RootElement.GetProperty("decision").GetProperty("promote").GetBoolean());
    }
}
