using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Feedback;
using Tailor.Tests.Ingestion;
using Tailor.Tests.Models;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class FeedbackTelemetryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_t0 = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Online_metrics_from_storage_publish_the_click_through_per_version_and_variant()
    {
        using var telemetry = new TelemetryRecording();
        var version = "v" + Guid.NewGuid().ToString("N")[..12];
        var context = await IngestionContext.CreateAsync(azurite);
        var store = new ImpressionStore(context.Storage);
        await store.AppendAsync(
        [
            ImpressionRecordingTests.Sample("r1", s_t0, user: "ctr-user-1", items: ["i1", "i2"], version: version),
            ImpressionRecordingTests.Sample("r2", s_t0, user: "ctr-user-2", items: ["i1", "i2"], version: version),
            ImpressionRecordingTests.Sample("r3", s_t0, user: "ctr-user-3", items: ["i3"], version: version, variant: Variants.Challenger),
        ]);

        // Half an hour later (the ingestion context's clock is mid-2024): ctr-user-1 clicks i2 (served), ctr-user-2 clicks i9 (not served), ctr-user-3 buys i3.
        await context.UploadAndIngestAsync("clicks.csv",
            "user_id,item_id,event_type,value,timestamp\nctr-user-1,i2,click,,1717201800\nctr-user-2,i9,click,,1717201800\nctr-user-3,i3,purchase,,1717201800\n");
        var service = new OnlineMetricsService(store, context.Reader, Options.Create(new FeedbackOptions()), TimeProvider.System);

        var table = await service.ComputeAsync(s_t0.AddHours(-1), s_t0.AddHours(1), [OnlineGrouping.Version, OnlineGrouping.Variant]);

        var champion = Assert.Single(table.Rows, r => r.Variant == Variants.Champion);
        Assert.Equal((2L, 1L, 0L), (champion.Impressions, champion.Clicked, champion.Converted));
        var challenger = Assert.Single(table.Rows, r => r.Variant == Variants.Challenger);
        Assert.Equal((1L, 1L, 1L), (challenger.Impressions, challenger.Clicked, challenger.Converted));
        var gauge = telemetry.Points("tailor.feedback.online.click_through")
            .Where(p => Equals(p.Tags[FeedbackTelemetry.Tags.ModelVersion], version)).ToList();
        Assert.Equal(0.5, Assert.Single(gauge, p => Equals(p.Tags[FeedbackTelemetry.Tags.Variant], Variants.Champion)).Point.GetGaugeLastValueDouble());
        Assert.Equal(1.0, Assert.Single(gauge, p => Equals(p.Tags[FeedbackTelemetry.Tags.Variant], Variants.Challenger)).Point.GetGaugeLastValueDouble());
        Assert.DoesNotContain("ctr-user-1", telemetry.AllMetricTagValues());
    }

    [Fact]
    public async Task Impressions_buffered_and_flushed_are_counted_and_the_serving_version_is_a_gauge()
    {
        using var telemetry = new TelemetryRecording();
        var storage = await azurite.CreateStorageAsync();
        var options = Options.Create(new FeedbackOptions());
        var buffer = new ImpressionBuffer(options);
        var flusher = new ImpressionFlusher(buffer, new ImpressionStore(storage), options, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ImpressionFlusher>.Instance);
        var model = ServingModels.Cooccurrence(SampleArtifacts.Small(), "v" + Guid.NewGuid().ToString("N")[..12]);
        var service = new RecommendationService(new FixedModelSource(model), ForgottenUserSet.None, impressions: buffer);

        await service.GetForUserAsync("u0", 3);
        await service.GetForUserAsync("u1", 3);
        await flusher.FlushAsync();
        ServingTelemetry.RecordServing(Variants.Champion, model.Version);

        Assert.True(Sum(telemetry.Points("tailor.feedback.impressions"), FeedbackTelemetry.Outcomes.Buffered) >= 2);
        Assert.True(telemetry.Points("tailor.feedback.impressions.flushed").Sum(p => p.Point.GetSumLong()) >= 2);
        Assert.Contains(telemetry.Points("tailor.feedback.flush.duration"), p => p.Point.GetHistogramCount() >= 1);
        Assert.Contains(telemetry.Points("tailor.serving.model.version"), p => Equals(p.Tags[ServingTelemetry.Tags.ModelVersion], model.Version)
            && Equals(p.Tags[ServingTelemetry.Tags.Variant], Variants.Champion) && p.Point.GetGaugeLastValueLong() == 1);
    }

    private static long Sum(List<(IReadOnlyDictionary<string, object?> Tags, OpenTelemetry.Metrics.MetricPoint Point)> points, string outcome) =>
        points.Where(p => Equals(p.Tags[FeedbackTelemetry.Tags.Outcome], outcome)).Sum(p => p.Point.GetSumLong());
}
