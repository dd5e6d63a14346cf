using System.Text;
using Tailor.Events;

namespace Tailor.Tests.Events;

/// <summary>One test per validation rule: the row is rejected and the reason names the field and column.</summary>
public sealed class EventRowValidationTests
{
    private const string Header = "user_id,item_id,event,rating,ts\n";

    private static async Task<RowRejection> SingleRejectionAsync(string row, EventOptions? options = null)
    {
        var (accepted, rejected) = await EventTestFiles.ParseCsvAsync(Header + row + "\n", options);
        Assert.Empty(accepted);
        return Assert.Single(rejected);
    }

    [Fact]
    public async Task Row_with_empty_user_id_is_rejected()
    {
        var rejection = await SingleRejectionAsync(",i1,view,,1717200000");

        Assert.Equal("user_id (column 'user_id') is empty", rejection.Reason);
    }

    [Fact]
    public async Task Row_with_empty_item_id_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,  ,view,,1717200000");

        Assert.Equal("item_id (column 'item_id') is empty", rejection.Reason);
    }

    [Fact]
    public async Task Row_with_id_longer_than_128_characters_is_rejected()
    {
        var rejection = await SingleRejectionAsync($"{new string('u', 129)},i1,view,,1717200000");

        Assert.StartsWith("user_id (column 'user_id') is longer than 128 characters", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Id_of_exactly_128_characters_is_accepted()
    {
        var (accepted, _) = await EventTestFiles.ParseCsvAsync(Header + new string('u', 128) + ",i1,view,,1717200000\n");

        Assert.Equal(128, Assert.Single(accepted).UserId.Length);
    }

    [Fact]
    public async Task Row_with_control_character_in_id_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,i\u00071,view,,1717200000");

        Assert.Equal("item_id (column 'item_id') contains a control character", rejection.Reason);
    }

    [Fact]
    public async Task Row_with_unknown_event_type_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,i1,teleport,,1717200000");

        Assert.StartsWith("event_type (column 'event') 'teleport' is not a known event type", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_event_type_is_accepted_with_its_weight()
    {
        var options = new EventOptions { Weights = new(new EventOptions().Weights, StringComparer.OrdinalIgnoreCase) { ["share"] = 5f } };

        var (accepted, _) = await EventTestFiles.ParseCsvAsync(Header + "u1,i1,Share,,1717200000\n", options);

        Assert.Equal(("share", 5f), (Assert.Single(accepted).EventType, accepted[0].Weight));
    }

    [Fact]
    public async Task Row_with_empty_event_type_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,i1,,,1717200000");

        Assert.Equal("event_type (column 'event') is empty", rejection.Reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public async Task Row_with_value_that_is_not_a_finite_number_is_rejected(string value)
    {
        var rejection = await SingleRejectionAsync($"u1,i1,purchase,{value},1717200000");

        Assert.StartsWith("value (column 'rating')", rejection.Reason, StringComparison.Ordinal);
        Assert.EndsWith("is not a finite number", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rating_with_non_positive_value_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,i1,rating,-1,1717200000");

        Assert.StartsWith("value (column 'rating') must be a positive number for rating events", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_with_unparseable_timestamp_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,i1,view,,yesterday");

        Assert.Equal("timestamp (column 'ts') 'yesterday' is neither ISO 8601 nor Unix seconds or milliseconds", rejection.Reason);
    }

    [Fact]
    public async Task Row_with_empty_timestamp_is_rejected()
    {
        var rejection = await SingleRejectionAsync("u1,i1,view,,");

        Assert.Equal("timestamp (column 'ts') is empty", rejection.Reason);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1969-12-31T23:59:59Z")]
    public async Task Row_with_timestamp_before_1970_is_rejected(string timestamp)
    {
        var rejection = await SingleRejectionAsync($"u1,i1,view,,{timestamp}");

        Assert.Equal($"timestamp (column 'ts') '{timestamp}' is before 1970", rejection.Reason);
    }

    [Fact]
    public async Task Row_with_timestamp_more_than_a_day_in_the_future_is_rejected()
    {
        var future = EventTestFiles.Now.AddDays(1).AddMinutes(1).ToUnixTimeSeconds();

        var rejection = await SingleRejectionAsync($"u1,i1,view,,{future}");

        Assert.StartsWith($"timestamp (column 'ts') '{future}' is in the future", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timestamp_less_than_a_day_ahead_is_accepted()
    {
        var soon = EventTestFiles.Now.AddHours(23).ToUnixTimeSeconds();

        var (accepted, _) = await EventTestFiles.ParseCsvAsync(Header + $"u1,i1,view,,{soon}\n");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(soon), Assert.Single(accepted).Timestamp);
    }

    [Theory]
    [InlineData("1717200000", 1717200000000L)]
    [InlineData("1717200000.5", 1717200000500L)]
    [InlineData("99999999999", 99999999999000L)]
    [InlineData("100000000000", 100000000000L)]
    [InlineData("1717200000123", 1717200000123L)]
    [InlineData("2024-06-01T00:00:00.123+01:00", 1717196400123L)]
    [InlineData("2024-06-01 00:00:00", 1717200000000L)]
    public void Timestamps_are_seconds_or_milliseconds_by_magnitude_or_ISO_8601(string text, long expectedMilliseconds)
    {
        Assert.True(EventTimestamp.TryParse(text, out var parsed));
        Assert.Equal(expectedMilliseconds, parsed.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Fact]
    public async Task Row_with_too_few_columns_is_rejected_naming_the_missing_fields()
    {
        var rejection = await SingleRejectionAsync("u1,i1,view");

        Assert.StartsWith("value (column 'rating'), timestamp (column 'ts') missing", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_row_without_user_property_is_rejected()
    {
        var (_, rejected) = await EventTestFiles.ParseAsync("e.jsonl", Encoding.UTF8.GetBytes("{\"item\":\"i1\",\"ts\":1717200000}\n"));

        Assert.Equal("user_id is missing", Assert.Single(rejected).Reason);
    }

    [Fact]
    public async Task Json_row_with_object_as_id_is_rejected()
    {
        var (_, rejected) = await EventTestFiles.ParseAsync("e.jsonl", Encoding.UTF8.GetBytes("{\"user\":{\"a\":1},\"item\":\"i1\",\"ts\":1717200000}\n"));

        Assert.Equal("user_id (property 'user') is an object or array, not a string or number", Assert.Single(rejected).Reason);
    }

    [Fact]
    public async Task Rejections_carry_the_line_number_and_raw_text_cut_to_1_KB()
    {
        var longItem = new string('x', 3000);
        var csv = Header + "u1,i1,view,,1717200000\n\nu2,i2,nope,,1717200000\nu3," + longItem + ",view,,1717200000\n";

        var (accepted, rejected) = await EventTestFiles.ParseCsvAsync(csv);

        Assert.Single(accepted);
        Assert.Equal([4L, 5L], rejected.Select(r => r.Line));
        Assert.Equal("u2,i2,nope,,1717200000", rejected[0].Raw);
        Assert.Equal(RowRejection.MaxRawChars, rejected[1].Raw.Length);
        Assert.StartsWith("u3,xxx", rejected[1].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_rejections_carry_their_line_number()
    {
        var jsonl = "{\"user\":\"u1\",\"item\":\"i1\"}\n\n{\"user\":\"u2\",\"item\":\"i2\",\"type\":\"nope\"}\nnot json\n";

        var (accepted, rejected) = await EventTestFiles.ParseAsync("e.jsonl", Encoding.UTF8.GetBytes(jsonl));

        Assert.Single(accepted);
        Assert.Equal([3L, 4L], rejected.Select(r => r.Line));
        Assert.StartsWith("the line is not valid JSON", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal("not json", rejected[1].Raw);
    }
}
