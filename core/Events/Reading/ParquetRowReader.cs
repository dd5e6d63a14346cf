using System.Text;
using Parquet;

namespace Tailor.Events.Reading;

/// <summary>Reads Parquet row group by row group. Parquet needs random access (its footer is at the end):
/// a seekable stream is read in place, anything else (gzip, network streams) is first spooled to a temporary
/// file that deletes itself.</summary>
internal sealed class ParquetRowReader<T> : RowReader<T>
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly IRowValidator<T> _validator;
    private readonly ParquetTextColumn?[] _columns;
    private readonly ParquetTextColumn[] _others;
    private readonly BufferedRowCells _cells;
    private int _rowGroup = -1;
    private int _rowsInGroup;
    private int _row;
    private long _rowNumber;

    private ParquetRowReader(Stream stream, ParquetReader reader, EventFileFormat format, IRowValidator<T> validator,
        ParquetTextColumn?[] columns, string?[] sources, ParquetTextColumn[] others)
        : base(format)
    {
        _stream = stream;
        _reader = reader;
        _validator = validator;
        _columns = columns;
        _others = others;
        _cells = new BufferedRowCells(validator.Columns);
        for (var f = 0; f < sources.Length; f++)
        {
            _cells.SetSource(f, sources[f]);
        }
    }

    public static async ValueTask<RowReader<T>> OpenAsync(Stream stream, EventFileFormat format, IRowValidator<T> validator, CancellationToken cancellationToken)
    {
        var seekable = stream;
        try
        {
            if (!stream.CanSeek)
            {
                seekable = await SpoolAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            var magic = new byte[4];
            var read = await seekable.ReadAtLeastAsync(magic, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < 4 || !magic.AsSpan().SequenceEqual("PAR1"u8))
            {
                throw new EventFileRejectedException("The file is named Parquet but its content does not start with the Parquet magic bytes PAR1.");
            }

            // The footer: its length (little-endian) and PAR1 again, within the file.
            var tail = new byte[8];
            if (seekable.Length < 12)
            {
                throw new EventFileRejectedException("The Parquet content is truncated (shorter than header and footer).");
            }

            seekable.Position = seekable.Length - 8;
            await seekable.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
            var footerLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (!tail.AsSpan(4).SequenceEqual("PAR1"u8) || footerLength <= 0 || footerLength > seekable.Length - 12)
            {
                throw new EventFileRejectedException("The Parquet content is truncated or corrupt (no valid footer at its end).");
            }

            seekable.Position = 0;
            var reader = await ParquetReader.CreateAsync(seekable, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                var fields = reader.Schema.DataFields.Where(f => f.Path.Length == 1).ToList();
                var set = validator.Columns;
                var map = ColumnMap.Resolve(set, [.. fields.Select(f => f.Name)], "Parquet schema");
                var columns = new ParquetTextColumn?[set.FieldCount];
                var sources = new string?[set.FieldCount];
                for (var f = 0; f < set.FieldCount; f++)
                {
                    var index = map.IndexOf(f);
                    if (index < 0)
                    {
                        continue;
                    }

                    columns[f] = ParquetTextColumn.For(fields[index]) ?? throw new EventFileRejectedException(
                        $"The Parquet column '{fields[index].Name}' ({set.Name(f)}) has the unsupported type {fields[index].ClrType.Name}{(fields[index].IsArray ? "[]" : "")}.");
                    sources[f] = map.SourceOf(f);
                }

                // Other columns of a type that cannot be shown as text (lists, structs) are left out.
                var others = map.Others.Select(o => ParquetTextColumn.For(fields[o.Index])).OfType<ParquetTextColumn>().ToArray();
                return new ParquetRowReader<T>(seekable, reader, format, validator, columns, sources, others);
            }
            catch
            {
                await reader.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            await seekable.DisposeAsync().ConfigureAwait(false);
            if (!ReferenceEquals(seekable, stream))
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    protected override async ValueTask FillAsync(RowChunk<T> chunk, CancellationToken cancellationToken)
    {
        while (!chunk.IsFull)
        {
            if (_row >= _rowsInGroup)
            {
                if (_rowGroup + 1 >= _reader.RowGroupCount)
                {
                    return;
                }

                await LoadRowGroupAsync(++_rowGroup, cancellationToken).ConfigureAwait(false);
                continue;
            }

            Process(chunk);
        }
    }

    private async Task LoadRowGroupAsync(int index, CancellationToken cancellationToken)
    {
        using var rowGroup = _reader.OpenRowGroupReader(index);
        _rowsInGroup = checked((int)rowGroup.RowCount);
        _row = 0;
        foreach (var column in _columns)
        {
            if (column is not null)
            {
                await column.LoadAsync(rowGroup, _rowsInGroup, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var column in _others)
        {
            await column.LoadAsync(rowGroup, _rowsInGroup, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Process(RowChunk<T> chunk)
    {
        var row = _row++;
        _rowNumber++;
        for (var f = 0; f < _columns.Length; f++)
        {
            _cells.SetLength(f, _columns[f]?.Format(row, _cells.Buffer(f)) ?? 0);
        }

        _cells.ClearOthers();
        foreach (var column in _others)
        {
            var length = column.Format(row, _cells.AddOther(column.Field.Name));
            _cells.SetOtherLength(length);
        }

        if (_validator.TryValidate(_cells, out var value, out var reason))
        {
            chunk.Accepted.Add(value);
        }
        else
        {
            chunk.Rejected.Add(RowRejection.Create(_rowNumber, reason!, RawText()));
        }
    }

    private string RawText()
    {
        var text = new StringBuilder();
        for (var f = 0; f < _columns.Length; f++)
        {
            if (_cells.Source(f) is { } source)
            {
                text.Append(text.Length == 0 ? "" : ", ").Append(source).Append('=').Append(_cells.Text(f));
            }
        }

        for (var i = 0; i < _cells.OtherCount; i++)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(_cells.OtherName(i)).Append('=').Append(_cells.OtherText(i));
        }

        return text.ToString();
    }

    private static async Task<Stream> SpoolAsync(Stream stream, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "tailor-" + Guid.NewGuid().ToString("N") + ".parquet");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await stream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
