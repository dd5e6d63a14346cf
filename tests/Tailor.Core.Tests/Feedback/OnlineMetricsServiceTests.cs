using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Testing;
using Tailor.Tests.Ingestion;

namespace Tailor.Tests.Feedback;

[Collection(AzuriteCollection.Name)]
public sealed class OnlineMetricsServiceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_t0 = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_uploaded_events_recommendation_id_picks_its_list_over_the_users_later_one()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var store = new ImpressionStore(context.Storage);
        await store.AppendAsync(
        [
            ImpressionRecordingTests.Sample("list-a", s_t0, user: "api-user", items: ["i1", "i2"], version: "v-a"),
            ImpressionRecordingTests.Sample("list-b", s_t0.AddMinutes(1), user: "api-user", items: ["i1", "i2"], version: "v-b"),
            ImpressionRecordingTests.Sample("list-c", s_t0, user: "file-user", items: ["i1"], version: "v-a"),
        ]);

        // A plain upload: the click names list-a in its recommendation_id column, which user+item alone would not pick.
        await context.UploadAndIngestAsync("clicks.csv",
            "user_id,item_id,event_type,timestamp,recommendation_id\napi-user,i1,click,1717200300,list-a\n");
        await context.UploadAndIngestAsync("later.csv", "user_id,item_id,event_type,value,timestamp\nfile-user,i1,click,,1717200300\n");
        var service = new OnlineMetricsService(store, context.Reader, Options.Create(new FeedbackOptions()), TimeProvider.System);

        var table = await service.ComputeAsync(s_t0.AddHours(-1), s_t0.AddHours(1), [OnlineGrouping.Version]);

        var a = Assert.Single(table.Rows, r => r.ModelVersion == "v-a");
        Assert.Equal((2L, 2L), (a.Impressions, a.Clicked));
        var b = Assert.Single(table.Rows, r => r.ModelVersion == "v-b");
        Assert.Equal((1L, 0L), (b.Impressions, b.Clicked));
    }

    [Fact]
    public async Task Without_the_id_the_same_click_goes_to_the_users_latest_list()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var store = new ImpressionStore(context.Storage);
        await store.AppendAsync(
        [
            ImpressionRecordingTests.Sample("list-a", s_t0, user: "api-user", items: ["i1", "i2"], version: "v-a"),
            ImpressionRecordingTests.Sample("list-b", s_t0.AddMinutes(1), user: "api-user", items: ["i1", "i2"], version: "v-b"),
        ]);
        await context.UploadAndIngestAsync("api/2024-06-01/posted.jsonl",
            """{"user_id":"api-user","item_id":"i1","event_type":"click","timestamp":"1717200300"}""" + "\n");
        var service = new OnlineMetricsService(store, context.Reader, Options.Create(new FeedbackOptions()), TimeProvider.System);

        var table = await service.ComputeAsync(s_t0.AddHours(-1), s_t0.AddHours(1), [OnlineGrouping.Version]);

        Assert.Equal(0L, Assert.Single(table.Rows, r => r.ModelVersion == "v-a").Clicked);
        Assert.Equal(1L, Assert.Single(table.Rows, r => r.ModelVersion == "v-b").Clicked);
    }
}
