using System.Globalization;

namespace Tailor.Events;

/// <summary>Parses event timestamps: ISO 8601 (without offset means UTC) or Unix time as a number, read as
/// seconds below 10^11 (until the year 5138) and as milliseconds from there on.</summary>
internal static class EventTimestamp
{
    /// <summary>Unix numbers at or above this are milliseconds; below, seconds.</summary>
    public const double MillisecondsThreshold = 1e11;

    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.IsEmpty)
        {
            return false;
        }

        if (LooksNumeric(text))
        {
            double milliseconds;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            {
                milliseconds = Math.Abs((double)whole) >= MillisecondsThreshold ? whole : whole * 1000.0;
            }
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                milliseconds = Math.Abs(number) >= MillisecondsThreshold ? number : number * 1000.0;
            }
            else
            {
                return false;
            }

            if (milliseconds is < -62_135_596_800_000 or > MaxUnixMilliseconds)
            {
                return false;
            }

            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
            return true;
        }

        // ISO 8601: a four-digit year and a dash first, then whatever DateTimeOffset reads invariantly.
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[3]) || text[4] != '-')
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        timestamp = parsed.ToUniversalTime();
        return true;
    }

    private static bool LooksNumeric(ReadOnlySpan<char> text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start >= text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c) && c is not '.' and not 'e' and not 'E' and not '+' and not '-')
            {
                return false;
            }
        }

        // "2024-01-02" is all digits and dashes: a dash after the first digit means a date, not a number.
        return text[start..].IndexOf('-') is var dash && (dash < 0 || text[start + dash - 1] is 'e' or 'E');
    }
}
