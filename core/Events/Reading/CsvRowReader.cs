using nietras.SeparatedValues;

namespace Tailor.Events.Reading;

/// <summary>Limits of <see cref="CsvRowReader{T}"/>.</summary>
internal static class CsvRowReader
{
    /// <summary>Longest line accepted; a longer one rejects the file (Sep holds a whole row in memory).</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;
}

/// <summary>Reads CSV (separator inferred from the header: comma, semicolon, tab, pipe) with Sep; the
/// validator reads the cells straight from Sep's row, without copying them.</summary>
internal sealed class CsvRowReader<T> : RowReader<T>, IRowCells
{
    private readonly SepReader _reader;
    private readonly IRowValidator<T> _validator;
    private readonly ColumnMap _map;
    private readonly int _minColumns;

    private CsvRowReader(SepReader reader, EventFileFormat format, IRowValidator<T> validator, ColumnMap map)
        : base(format)
    {
        _reader = reader;
        _validator = validator;
        _map = map;
        _minColumns = map.MaxIndex + 1;
    }

    public static async ValueTask<RowReader<T>> OpenAsync(Stream stream, EventFileFormat format, IRowValidator<T> validator, CancellationToken cancellationToken)
    {
        var reader = await Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.Outer })
            .FromAsync(new LineLengthGuardStream(stream, CsvRowReader.MaxLineBytes), leaveOpen: false, cancellationToken).ConfigureAwait(false);
        try
        {
            if (reader.Header.IsEmpty)
            {
                throw new EventFileRejectedException("The CSV file is empty (no header row).");
            }

            var map = ColumnMap.Resolve(validator.Columns, reader.Header.ColNames, "CSV header");
            return new CsvRowReader<T>(reader, format, validator, map);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    protected override async ValueTask FillAsync(RowChunk<T> chunk, CancellationToken cancellationToken)
    {
        while (!chunk.IsFull && await _reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            Process(_reader.Current, chunk);
        }
    }

    private void Process(SepReader.Row row, RowChunk<T> chunk)
    {
        if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
        {
            return; // a blank line is not a row
        }

        if (row.ColCount < _minColumns)
        {
            chunk.Rejected.Add(RowRejection.Create(row.LineNumberFrom, _map.MissingColumnsReason(row.ColCount), row.Span));
            return;
        }

        if (_validator.TryValidate(this, out var value, out var reason))
        {
            chunk.Accepted.Add(value);
        }
        else
        {
            chunk.Rejected.Add(RowRejection.Create(row.LineNumberFrom, reason!, row.Span));
        }
    }

    ReadOnlySpan<char> IRowCells.Text(int field) =>
        _map.IndexOf(field) is var index and >= 0 ? _reader.Current[index].Span : default;

    string? IRowCells.Source(int field) => _map.SourceOf(field);

    int IRowCells.OtherCount => _map.Others.Count;

    string IRowCells.OtherName(int index) => _map.Others[index].Name;

    ReadOnlySpan<char> IRowCells.OtherText(int index)
    {
        var column = _map.Others[index].Index;
        var row = _reader.Current;
        return column < row.ColCount ? row[column].Span : default;
    }

    public override ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
