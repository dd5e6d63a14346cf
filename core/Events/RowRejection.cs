namespace Tailor.Events;

/// <summary>A row that failed validation: where it was, why (naming the field and column), and its raw
/// text cut to <see cref="MaxRawChars"/> characters.</summary>
public readonly record struct RowRejection(long Line, string Reason, string Raw)
{
    public const int MaxRawChars = 1024;

    public static RowRejection Create(long line, string reason, ReadOnlySpan<char> raw) =>
        new(line, reason, raw.Length > MaxRawChars ? new string(raw[..MaxRawChars]) : new string(raw));
}
