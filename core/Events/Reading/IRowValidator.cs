namespace Tailor.Events.Reading;

/// <summary>Turns one row's cells into a value of <typeparamref name="T"/>, or a reason naming the field and
/// its column. A reader calls it once per data row.</summary>
internal interface IRowValidator<T>
{
    /// <summary>The fields the rows carry: how readers map headers and properties.</summary>
    ColumnSet Columns { get; }

    bool TryValidate(IRowCells cells, out T value, out string? reason);
}
