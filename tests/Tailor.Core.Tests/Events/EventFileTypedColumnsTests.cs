using System.Text;
using Parquet;
using Parquet.Schema;
using Tailor.Events;

namespace Tailor.Tests.Events;

public sealed class EventFileTypedColumnsTests
{
    [Fact]
    public async Task Parquet_with_numeric_ids_and_timestamp_column_reads_as_MovieLens_ratings()
    {
        var user = new DataField<int>("userId");
        var item = new DataField<long>("item");
        var rating = new DataField<float>("rating");
        var time = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis);
        using var memory = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(user, item, rating, time), memory))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(user, (ReadOnlyMemory<int>)new[] { 1, 2 });
            await group.WriteAsync<long>(item, (ReadOnlyMemory<long>)new[] { 31L, 1029L });
            await group.WriteAsync<float>(rating, (ReadOnlyMemory<float>)new[] { 2.5f, 4f });
            await group.WriteAsync<DateTime>(time, (ReadOnlyMemory<DateTime>)new[]
            {
                new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc),
                new DateTime(2024, 6, 2, 11, 30, 0, 250, DateTimeKind.Utc),
            });
        }

        var (accepted, rejected) = await EventTestFiles.ParseAsync("ratings.parquet", memory.ToArray());

        Assert.Empty(rejected);
        Assert.Equal(
            [new("1", "31", "rating", 2.5, 2.5f, new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero)),
             new("2", "1029", "rating", 4.0, 4f, new DateTimeOffset(2024, 6, 2, 11, 30, 0, 250, TimeSpan.Zero))],
            accepted);
    }

    [Fact]
    public async Task Parquet_rejections_carry_the_row_number_and_field_values()
    {
        var bytes = await EventTestFiles.ParquetBytesAsync(["u1", ""], ["i1", "i2"], ["view", "view"], [null, 1.5], [1717200000, 1717200001]);

        var (_, rejected) = await EventTestFiles.ParseAsync("e.parquet", bytes);

        var rejection = Assert.Single(rejected);
        Assert.Equal(2, rejection.Line);
        Assert.Equal("user_id (column 'UserId') is empty", rejection.Reason);
        Assert.Equal("UserId=, item=i2, event_type=view, value=1.5, ts=1717200001", rejection.Raw);
    }

    [Fact]
    public async Task Json_numbers_are_accepted_as_ids()
    {
        var (accepted, _) = await EventTestFiles.ParseAsync("e.jsonl", Encoding.UTF8.GetBytes("{\"user\":42,\"item\":7,\"rating\":3,\"ts\":1717200000}\n"));

        Assert.Equal(new InteractionEvent("42", "7", "rating", 3.0, 3f, DateTimeOffset.FromUnixTimeSeconds(1717200000)), Assert.Single(accepted));
    }

    [Fact]
    public async Task Gzip_content_larger_than_the_uncompressed_limit_is_rejected()
    {
        var csv = "user,item\n" + string.Concat(Enumerable.Repeat("u1,i1\n", 10_000));

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ParseAsync(
            "e.csv.gz", EventTestFiles.Gzip(Encoding.UTF8.GetBytes(csv)), new EventOptions { MaxUncompressedBytes = 20_000 }));

        Assert.Contains("MaxUncompressedBytes", ex.Reason, StringComparison.Ordinal);
    }
}
