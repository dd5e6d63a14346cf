using System.Globalization;
using System.Text;

namespace Tailor.Events;

/// <summary>Text taken from a file (a header cell, a name) made safe to show in a reason: control and other
/// invisible characters, and the replacement character of bytes that are not UTF-8, are written as
/// <c>\xNN</c> or <c>\uNNNN</c>, and long text is cut with an ellipsis.</summary>
public static class PrintableText
{
    public static string Escape(string text, int maxLength = int.MaxValue)
    {
        var cut = text.Length > maxLength;
        var span = cut ? text.AsSpan(0, maxLength) : text.AsSpan();
        if (!cut && !NeedsEscaping(span))
        {
            return text;
        }

        var sb = new StringBuilder(span.Length + 8);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (IsPair(span, i))
            {
                sb.Append(c).Append(span[++i]);
            }
            else if (!IsShown(c))
            {
                sb.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return cut ? sb.Append('…').ToString() : sb.ToString();
    }

    private static bool NeedsEscaping(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (IsPair(span, i))
            {
                i++;
            }
            else if (!IsShown(span[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPair(ReadOnlySpan<char> span, int i) =>
        char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]);

    private static bool IsShown(char c) => c != '\uFFFD' && CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };
}
