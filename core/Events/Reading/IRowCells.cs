namespace Tailor.Events.Reading;

/// <summary>One row's cells as text, by field number of the reader's <see cref="ColumnSet"/>, before
/// validation; valid only during the validator's call. A field whose column or property is absent has a null
/// source and empty text. Other cells (columns naming no field, when the set keeps them) come in file order.</summary>
internal interface IRowCells
{
    ReadOnlySpan<char> Text(int field);

    /// <summary>The name the file gives the field's column or property; null when absent.</summary>
    string? Source(int field);

    int OtherCount { get; }

    string OtherName(int index);

    ReadOnlySpan<char> OtherText(int index);
}
