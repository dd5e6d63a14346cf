using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Tailor.Ingestion;
using Tailor.Privacy;
using Tailor.Testing;

namespace Tailor.Tests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class RecommendationIdIngestionTests(AzuriteFixture azurite)
{
    private static readonly string s_tooLong = new('r', 129);

    [Fact]
    public async Task Uploaded_csv_recommendation_ids_are_read_back_from_the_processed_batch()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var csv = "user_id,item_id,event_type,timestamp,recommendation_id\n" +
            "u1,i1,click,1717200000, rec-1 \n" +
            "u1,i2,view,1717200060,\n" +
            $"u2,i1,click,1717200120,{s_tooLong}\n" +
            "u2,i3,click,1717200180,rec-2\n";

        var outcome = await context.UploadAndIngestAsync("clicks.csv", csv);

        Assert.Equal((3L, 1L), (outcome.Accepted, outcome.Quarantined));
        var events = await context.ReadProcessedAsync(outcome.ProcessedBlobName!);
        Assert.Equal(
            [("u1", "i1", "rec-1"), ("u1", "i2", null), ("u2", "i3", "rec-2")],
            events.Select(e => (e.UserId, e.ItemId, e.RecommendationId)));
        var line = (await context.DownloadTextAsync(context.Storage.Quarantine, outcome.QuarantineBlobName!)).Trim();
        using var quarantined = JsonDocument.Parse(line);
        Assert.Equal("recommendation_id (column 'recommendation_id') is longer than 128 characters (129)",
            quarantined.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Json_lines_take_the_recommendationId_alias()
    {
        var context = await IngestionContext.CreateAsync(azurite);

        var outcome = await context.UploadAndIngestAsync("posted.jsonl",
            """{"userId":"u1","itemId":"i1","eventType":"click","timestamp":"1717200000","recommendationId":"rec-9"}""" + "\n");

        Assert.Equal("rec-9", Assert.Single(await context.ReadProcessedAsync(outcome.ProcessedBlobName!)).RecommendationId);
    }

    [Fact]
    public async Task Parquet_uploads_take_the_recommendation_alias()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var user = new DataField<string>("user");
        var item = new DataField<string>("item");
        var recommendation = new DataField<string>("recommendation", nullable: true);
        using var memory = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(user, item, recommendation), memory))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(user, ["u1", "u2"]);
            await group.WriteAsync(item, ["i1", "i2"]);
            await group.WriteAsync(recommendation, ["rec-7", null]);
        }

        var outcome = await context.UploadAndIngestAsync("clicks.parquet", memory.ToArray());

        Assert.Equal(
            [("u1", "rec-7"), ("u2", null)],
            (await context.ReadProcessedAsync(outcome.ProcessedBlobName!)).Select(e => (e.UserId, e.RecommendationId)));
    }

    [Fact]
    public async Task A_batch_written_before_the_recommendation_id_column_still_reads()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var user = new DataField<string>("user_id");
        var item = new DataField<string>("item_id");
        var type = new DataField<string>("event_type");
        var value = new DataField<double?>("value");
        var weight = new DataField<float>("weight");
        var timestamp = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
        using var memory = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(user, item, type, value, weight, timestamp), memory))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(user, ["old-user"]);
            await group.WriteAsync(item, ["old-item"]);
            await group.WriteAsync(type, ["view"]);
            await group.WriteAsync<double>(value, (ReadOnlyMemory<double?>)new double?[] { null }.AsMemory());
            await group.WriteAsync<float>(weight, (ReadOnlyMemory<float>)new[] { 1f }.AsMemory());
            await group.WriteAsync<DateTime>(timestamp, (ReadOnlyMemory<DateTime>)new[] { new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc) }.AsMemory());
        }

        memory.Position = 0;
        await context.Storage.Processed.UploadBlobAsync("old.parquet", memory);

        var read = Assert.Single(await context.ReadProcessedAsync("old.parquet"));

        Assert.Equal(("old-user", "old-item", "view", (string?)null), (read.UserId, read.ItemId, read.EventType, read.RecommendationId));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), read.Timestamp);
    }

    [Fact]
    public async Task Erasing_a_user_rewrites_the_batch_with_the_other_rows_recommendation_ids()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var outcome = await context.UploadAndIngestAsync("clicks.csv", "user,item,type,ts,recommendation\n" +
            "gone-user,i1,click,1717200000,rec-1\n" +
            "kept-user,i1,click,1717200060,rec-2\n" +
            "kept-user,i2,view,1717200120,\n");
        var place = new ProcessedBatchesPlace(new ProcessedBatchCompactor(context.Storage, context.Reader), new BatchUserIndexes(context.Storage));

        var erased = await place.EraseAsync(new ErasureBatch(new HashSet<string>(StringComparer.Ordinal) { "gone-user" }, DateTimeOffset.UtcNow));

        Assert.Equal(1, erased.Removed);
        Assert.Equal(
            [("kept-user", "i1", "rec-2"), ("kept-user", "i2", null)],
            (await context.ReadProcessedAsync(outcome.ProcessedBlobName!)).Select(e => (e.UserId, e.ItemId, e.RecommendationId)));
    }
}
