using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Pipeline.Tasks;
using Tailor.Profiles;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Ingestion;
using Tailor.Tests.Models;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class TailorTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Recommendation_records_duration_and_answer_per_route_and_strategy_without_the_user_id()
    {
        using var telemetry = new TelemetryRecording();
        var version = "v" + Guid.NewGuid().ToString("N")[..12];
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small(), version);
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None);

        await service.GetForUserAsync("u0", 3);
        await service.GetForUserAsync("someone-the-model-never-saw-7f3a", 3);

        var durations = telemetry.Points("tailor.serving.duration");
        Assert.Contains(durations, p => Tag(p.Tags, ServingTelemetry.Tags.Route) == ServingTelemetry.Routes.User
            && Tag(p.Tags, ServingTelemetry.Tags.Strategy) == RecommendationStrategy.Personalized
            && p.Point.GetHistogramCount() >= 1);
        var answers = telemetry.Points("tailor.serving.answers")
            .Where(p => Tag(p.Tags, ServingTelemetry.Tags.ModelVersion) == version).ToList();
        Assert.Equal(1, Assert.Single(answers, p => Tag(p.Tags, ServingTelemetry.Tags.Strategy) == RecommendationStrategy.Personalized).Point.GetSumLong());
        Assert.Equal(1, Assert.Single(answers, p => Tag(p.Tags, ServingTelemetry.Tags.Strategy) == RecommendationStrategy.Popular).Point.GetSumLong());
        Assert.DoesNotContain("someone-the-model-never-saw-7f3a", telemetry.AllMetricTagValues());
        Assert.All(telemetry.Spans(ServingTelemetry.Name), span =>
            Assert.DoesNotContain(span.TagObjects, tag => Equals(tag.Value, "someone-the-model-never-saw-7f3a")));
    }

    [Fact]
    public async Task Ingestion_counts_batches_and_rows_by_outcome_and_produces_a_span()
    {
        using var telemetry = new TelemetryRecording();
        var context = await IngestionContext.CreateAsync(azurite);
        const string Csv = "user_id,item_id,event_type,value,timestamp\n" +
            "telemetry-user-1,i1,view,,1717200000\n" +
            "telemetry-user-1,i2,purchase,19.99,1717200000\n" +
            "telemetry-user-2,i1,teleport,,1717200000\n";

        var outcome = await context.UploadAndIngestAsync("telemetry.csv", Csv);

        Assert.Equal(BatchStatus.Processed, outcome.Status);
        var events = telemetry.Points("tailor.ingestion.events");
        Assert.Equal(2, Sum(events, IngestionTelemetry.Tags.Outcome, IngestionTelemetry.Outcomes.Accepted));
        Assert.Equal(1, Sum(events, IngestionTelemetry.Tags.Outcome, IngestionTelemetry.Outcomes.Quarantined));
        Assert.Equal(1, Sum(telemetry.Points("tailor.ingestion.batches"), IngestionTelemetry.Tags.Status, BatchStatusNames.Processed));
        Assert.Contains(telemetry.Points("tailor.ingestion.duration"), p => Tag(p.Tags, IngestionTelemetry.Tags.Status) == BatchStatusNames.Processed);
        var span = Assert.Single(telemetry.Spans(IngestionTelemetry.Name), s => Equals(s.GetTagItem("tailor.batch.id"), outcome.BatchId));
        Assert.Equal("ingest batch", span.DisplayName);
        Assert.Equal(BatchStatusNames.Processed, span.GetTagItem(IngestionTelemetry.Tags.Status));
        var values = telemetry.AllMetricTagValues();
        Assert.DoesNotContain("telemetry-user-1", values);
        Assert.DoesNotContain("telemetry-user-2", values);
    }

    [Fact]
    public async Task Model_load_records_a_refresh_with_its_version_and_load_time()
    {
        using var telemetry = new TelemetryRecording();
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var pointer = new ModelPointer(storage);
        await store.WriteVersionAsync("v7", SampleArtifacts.Small(), SampleDocuments.Manifest("v7"), SampleDocuments.Report("v7"));
        await new ModelPromoter(store, pointer, TimeProvider.System).PromoteAsync("v7", "first");
        var cache = new ModelCache(store, pointer, new ProfileStore(storage), storage, Options.Create(new ServingOptions()), TimeProvider.System, NullLogger<ModelCache>.Instance);

        Assert.Equal("v7", (await cache.GetAsync())!.Version);

        var refresh = Assert.Single(telemetry.Points("tailor.serving.model.refreshes"),
            p => Tag(p.Tags, ServingTelemetry.Tags.ModelVersion) == "v7");
        Assert.Equal(ServingTelemetry.Outcomes.Loaded, Tag(refresh.Tags, ServingTelemetry.Tags.Outcome));
        Assert.Equal(1, refresh.Point.GetSumLong());
        var load = Assert.Single(telemetry.Points("tailor.serving.model.load.duration"),
            p => Tag(p.Tags, ServingTelemetry.Tags.ModelVersion) == "v7");
        Assert.Equal(1, load.Point.GetHistogramCount());
        Assert.True(load.Point.GetHistogramSum() > 0);
        Assert.Contains(telemetry.Spans(ServingTelemetry.Name), s => s.DisplayName == "load model" && Equals(s.GetTagItem(ServingTelemetry.Tags.ModelVersion), "v7"));
    }

    [Fact]
    public async Task Every_pipeline_stage_is_timed_per_stage_and_outcome_in_its_own_span()
    {
        using var telemetry = new TelemetryRecording();
        var stage = "TelemetryProbe" + Guid.NewGuid().ToString("N")[..8];
        var succeeds = new PipelineActivity<int, int>(stage, (_, input, _) => Task.FromResult(input + 1));
        var fails = new PipelineActivity<int, int>(stage, (_, _, _) => throw new InvalidOperationException("stage broke"));

        Assert.Equal(2, await succeeds.RunAsync(EmptyServices.Instance, 1, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fails.RunAsync(EmptyServices.Instance, 1, CancellationToken.None));

        var durations = telemetry.Points("tailor.training.stage.duration").Where(p => Tag(p.Tags, TrainingTelemetry.Tags.Stage) == stage).ToList();
        Assert.Equal(1, Assert.Single(durations, p => Tag(p.Tags, TrainingTelemetry.Tags.Outcome) == TrainingTelemetry.Outcomes.Succeeded).Point.GetHistogramCount());
        Assert.Equal(1, Assert.Single(durations, p => Tag(p.Tags, TrainingTelemetry.Tags.Outcome) == TrainingTelemetry.Outcomes.Failed).Point.GetHistogramCount());
        Assert.Equal(2, telemetry.Spans(TrainingTelemetry.Name).Count(s => s.DisplayName == stage));
    }

    private static string? Tag(IReadOnlyDictionary<string, object?> tags, string name) =>
        tags.TryGetValue(name, out var value) ? value as string : null;

    private static long Sum(IEnumerable<(IReadOnlyDictionary<string, object?> Tags, OpenTelemetry.Metrics.MetricPoint Point)> points, string tag, string value) =>
        points.Where(p => Tag(p.Tags, tag) == value).Sum(p => p.Point.GetSumLong());

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
