using Tailor.Fresh;

namespace Tailor.Tests.Fresh;

public sealed class FreshHistoryFormatTests
{
    [Fact]
    public void A_history_reads_back_as_written()
    {
        var history = new FreshHistory([new FreshEvent("i1", 1.5f, 1_700_000_000_000, 1_700_000_000_500), new FreshEvent("ü ✓", 3f, 1_700_000_001_000, 1_700_000_001_000)]);

        var read = FreshHistoryFormat.Read(FreshHistoryFormat.Write(history));

        Assert.Equal(history.Events, read.Events);
    }

    [Fact]
    public void Events_whose_ids_overflow_a_property_leave_oldest_first()
    {
        var events = Enumerable.Range(0, 200).Select(i => new FreshEvent(new string('€', 127) + (char)('a' + (i % 26)), 1f, i, i)).ToList();

        var bytes = FreshHistoryFormat.Write(new FreshHistory(events));
        var read = FreshHistoryFormat.Read(bytes);

        Assert.InRange(bytes.Length, FreshHistoryFormat.MaxBytes - 200, FreshHistoryFormat.MaxBytes);
        Assert.InRange(read.Count, 100, 199);
        Assert.Equal(events[^read.Count..], read.Events);
    }

    [Theory]
    [InlineData(new byte[] { 9, 0 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    public void An_unknown_format_or_truncated_bytes_are_invalid_data(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => FreshHistoryFormat.Read(bytes));
    }
}
