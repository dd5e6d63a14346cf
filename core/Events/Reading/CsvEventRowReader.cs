using nietras.SeparatedValues;

namespace Tailor.Events.Reading;

/// <summary>Reads CSV (separator inferred from the header: comma, semicolon, tab, pipe) with Sep, from
/// column spans without allocating per row beyond new ids.</summary>
internal sealed class CsvEventRowReader : EventRowReader
{
    /// <summary>Longest line accepted; a longer one rejects the file (Sep holds a whole row in memory).</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private readonly SepReader _reader;
    private readonly EventRowValidator _validator;
    private readonly EventColumnMap _map;
    private readonly int _minColumns;

    private CsvEventRowReader(SepReader reader, EventFileFormat format, EventRowValidator validator, EventColumnMap map)
        : base(format)
    {
        _reader = reader;
        _validator = validator;
        _map = map;
        _minColumns = map.MaxIndex + 1;
    }

    public static async ValueTask<EventRowReader> OpenAsync(Stream stream, EventFileFormat format, EventRowValidator validator, CancellationToken cancellationToken)
    {
        var reader = await Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.Outer })
            .FromAsync(new LineLengthGuardStream(stream, MaxLineBytes), leaveOpen: false, cancellationToken).ConfigureAwait(false);
        try
        {
            if (reader.Header.IsEmpty)
            {
                throw new EventFileRejectedException("The CSV file is empty (no header row).");
            }

            var map = EventColumnMap.Resolve(reader.Header.ColNames, "CSV header");
            return new CsvEventRowReader(reader, format, validator, map);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    protected override async ValueTask FillAsync(EventRowChunk chunk, CancellationToken cancellationToken)
    {
        while (!chunk.IsFull && await _reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            Process(_reader.Current, chunk);
        }
    }

    private void Process(SepReader.Row row, EventRowChunk chunk)
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

        var raw = new RawEventRow
        {
            User = row[_map.User].Span,
            Item = row[_map.Item].Span,
            UserSource = _map.UserSource,
            ItemSource = _map.ItemSource,
            TypeSource = _map.TypeSource,
            ValueSource = _map.ValueSource,
            TimestampSource = _map.TimestampSource,
        };
        if (_map.Type >= 0)
        {
            raw.Type = row[_map.Type].Span;
        }

        if (_map.Value >= 0)
        {
            raw.Value = row[_map.Value].Span;
        }

        if (_map.Timestamp >= 0)
        {
            raw.Timestamp = row[_map.Timestamp].Span;
        }

        if (_validator.TryValidate(raw, out var evt, out var reason))
        {
            chunk.Accepted.Add(evt);
        }
        else
        {
            chunk.Rejected.Add(RowRejection.Create(row.LineNumberFrom, reason!, row.Span));
        }
    }

    public override ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
