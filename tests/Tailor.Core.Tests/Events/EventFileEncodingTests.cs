
namespace Tailor.Tests.Events;

public sealed class EventFileEncodingTests
{
    [Theory]
    [InlineData("e.csv", "user,item,ts\nu1,i1,1717200000\n")]
    [InlineData("e.jsonl", "{\"user\":\"u1\",\"item\":\"i1\",\"ts\":1717200000}\n")]
    public async Task A_UTF8_byte_order_mark_is_ignored(string name, string content)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(content)];

        var (accepted, rejected) = await EventTestFiles.ParseAsync(name, bytes);

        Assert.Empty(rejected);
        Assert.Equal("u1", Assert.Single(accepted).UserId);
    }

    [Fact]
    public async Task Windows_line_endings_are_read_like_unix_ones()
    {
        var (accepted, rejected) = await EventTestFiles.ParseCsvAsync("user,item,type,ts\r\nu1,i1,view,1717200000\r\nu2,i2,click,1717200001\r\n");

        Assert.Empty(rejected);
        Assert.Equal(["u1", "u2"], accepted.Select(e => e.UserId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717200001), accepted[1].Timestamp);
    }

    [Fact]
    public async Task Csv_with_a_line_longer_than_the_limit_is_rejected()
    {
        var content = new byte[Tailor.Events.Reading.CsvRowReader.MaxLineBytes + 100];
        content.AsSpan().Fill((byte)'a');

        var ex = await Assert.ThrowsAsync<Tailor.Events.EventFileRejectedException>(() => EventTestFiles.ParseAsync("e.csv", content));

        Assert.Contains("line longer than", ex.Reason, StringComparison.Ordinal);
    }
}
