using System.Text;
using Tailor.Events;

namespace Tailor.Tests.Events;

public sealed class EventFileTests : IDisposable
{
    private const string Csv = "user_id,item_id,event_type,value,timestamp\n" +
        "u1,i1,view,,1717200000\n" +
        "u1,i2,purchase,19.99,2024-06-01T10:00:00Z\n" +
        "u2,i1,rating,4.5,1717200000123\n";

    private const string JsonLines =
        "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"event_type\":\"view\",\"timestamp\":1717200000}\n" +
        "{\"user_id\":\"u1\",\"item_id\":\"i2\",\"event_type\":\"purchase\",\"value\":19.99,\"timestamp\":\"2024-06-01T10:00:00Z\"}\n" +
        "\n" +
        "{\"user_id\":\"u2\",\"item_id\":\"i1\",\"event_type\":\"rating\",\"value\":\"4.5\",\"timestamp\":1717200000123}\n";

    private readonly EventTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("events.csv")]
    [InlineData("events.csv.gz")]
    [InlineData("EVENTS.CSV.GZ")]
    [InlineData("events.jsonl")]
    [InlineData("events.jsonl.gz")]
    public async Task Text_formats_read_the_same_three_events(string name)
    {
        var path = _files.Text(name, name.Contains("jsonl", StringComparison.OrdinalIgnoreCase) ? JsonLines : Csv);

        var events = await EventTestFiles.ReadAllAsync(path);

        AssertThreeEvents(events);
    }

    [Theory]
    [InlineData("events.parquet")]
    [InlineData("events.parquet.gz")]
    public async Task Parquet_files_read_the_same_three_events(string name)
    {
        var path = await _files.ParquetAsync(name, ["u1", "u1", "u2"], ["i1", "i2", "i1"], ["view", "purchase", "rating"],
            [null, 19.99, 4.5], [1717200000, 1717236000, 1717200000123]);

        var events = await EventTestFiles.ReadAllAsync(path);

        AssertThreeEvents(events);
    }

    private static void AssertThreeEvents(List<InteractionEvent> events)
    {
        Assert.Equal(3, events.Count);
        Assert.Equal(new InteractionEvent("u1", "i1", "view", null, 1f, DateTimeOffset.FromUnixTimeSeconds(1717200000)), events[0]);
        Assert.Equal(new InteractionEvent("u1", "i2", "purchase", 19.99, 8f, new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero)), events[1]);
        Assert.Equal(new InteractionEvent("u2", "i1", "rating", 4.5, 4.5f, DateTimeOffset.FromUnixTimeMilliseconds(1717200000123)), events[2]);
    }

    [Fact]
    public async Task Column_aliases_are_recognised_case_insensitively()
    {
        var path = _files.Text("aliases.csv", "USER,ItemId,Type,Weight,TS\nu1,i1,CLICK,2,1717200000\n");

        var single = Assert.Single(await EventTestFiles.ReadAllAsync(path));

        Assert.Equal(new InteractionEvent("u1", "i1", "click", 2.0, 2f, DateTimeOffset.FromUnixTimeSeconds(1717200000)), single);
    }

    [Fact]
    public async Task Json_lines_properties_use_aliases_case_insensitively()
    {
        var path = _files.Text("aliases.jsonl", "{\"UserId\":\"u1\",\"ITEM\":\"i1\",\"Event\":\"like\",\"time\":\"2024-06-01T00:00:00+02:00\"}\n");

        var single = Assert.Single(await EventTestFiles.ReadAllAsync(path));

        Assert.Equal(new InteractionEvent("u1", "i1", "like", null, 3f, new DateTimeOffset(2024, 5, 31, 22, 0, 0, TimeSpan.Zero)), single);
    }

    [Fact]
    public async Task MovieLens_shape_reads_every_row_as_a_rating_weighted_by_its_value()
    {
        var path = _files.Text("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n");
        // MovieLens calls the item "movieId", which is not an item alias: the file must say item.
        var renamed = _files.Text("ratings2.csv", "user,item,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n");

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));
        var events = await EventTestFiles.ReadAllAsync(renamed);

        Assert.Contains("item", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(
            [new("1", "31", "rating", 2.5, 2.5f, DateTimeOffset.FromUnixTimeSeconds(1260759144)),
             new("1", "1029", "rating", 3.0, 3f, DateTimeOffset.FromUnixTimeSeconds(1260759179))],
            events);
    }

    [Fact]
    public async Task A_file_without_type_or_rating_column_reads_rows_as_the_default_type()
    {
        var path = _files.Text("implicit.csv", "user_id;item_id;timestamp\nu1;i1;1717200000\n");

        var single = Assert.Single(await EventTestFiles.ReadAllAsync(path));

        Assert.Equal("view", single.EventType);
        Assert.Equal(1f, single.Weight);
    }

    [Fact]
    public async Task Quoted_csv_fields_are_unescaped()
    {
        var path = _files.Text("quoted.csv", "user_id,item_id,event_type,timestamp\n\"u,1\",\"i \"\"1\"\"\",view,1717200000\n");

        var single = Assert.Single(await EventTestFiles.ReadAllAsync(path));

        Assert.Equal("u,1", single.UserId);
        Assert.Equal("i \"1\"", single.ItemId);
    }

    [Fact]
    public async Task Bad_rows_are_skipped_when_few()
    {
        var path = _files.Text("mixed.csv", "user,item,type,ts\nu1,i1,view,1717200000\nu2,i2,teleport,1717200000\nu3,i3,view,1717200000\n");

        var events = await EventTestFiles.ReadAllAsync(path);

        Assert.Equal(["u1", "u3"], events.Select(e => e.UserId));
    }

    [Fact]
    public async Task Gz_file_without_gzip_magic_is_rejected()
    {
        var path = _files.Raw("events.csv.gz", Encoding.UTF8.GetBytes(Csv));

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("not gzip", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_gzip_is_rejected()
    {
        var many = "user,item,type,ts\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"u{i},i{i % 97},view,{1717200000 + i}\n"));
        var gzip = EventTestFiles.Gzip(Encoding.UTF8.GetBytes(many));
        var path = _files.Raw("events.csv.gz", gzip[..(gzip.Length / 2)]);

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("gzip", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_file_without_magic_is_rejected()
    {
        var path = _files.Text("events.parquet", Csv);

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("PAR1", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_parquet_is_rejected()
    {
        var bytes = await EventTestFiles.ParquetBytesAsync(["u1"], ["i1"], ["view"], [null], [1717200000]);
        var path = _files.Raw("events.parquet", bytes[..(bytes.Length - 10)]);

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("Parquet", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_whose_first_line_is_not_an_object_is_rejected()
    {
        var path = _files.Text("events.jsonl", Csv);

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("first line (line 1) is not a JSON object", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_without_user_and_item_columns_is_rejected_naming_what_it_found()
    {
        var path = _files.Text("events.csv", "customer,product,when\nc1,p1,1717200000\n");

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("No recognisable event columns", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("'customer'", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_with_too_many_bad_rows_is_rejected_naming_the_setting()
    {
        var path = _files.Text("events.csv", "user,item,type,ts\nu1,i1,view,1717200000\nu2,i2,bogus,1717200000\nu3,,view,1717200000\n");

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("2 of 3 rows are invalid", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("MaxBadRowShare", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_larger_than_the_limit_is_rejected_without_reading()
    {
        var path = _files.Text("events.csv", Csv);

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(
            () => EventTestFiles.ReadAllAsync(path, new EventOptions { MaxFileBytes = 10 }));

        Assert.Contains("MaxFileBytes", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_only_file_is_rejected_as_having_no_rows()
    {
        var path = _files.Text("events.csv", "user,item\n");

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains("no data rows", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_extension_is_rejected()
    {
        var path = _files.Text("events.xlsx", Csv);

        var ex = await Assert.ThrowsAsync<EventFileRejectedException>(() => EventTestFiles.ReadAllAsync(path));

        Assert.Contains(".xlsx", ex.Reason, StringComparison.Ordinal);
    }
}
