using System.Text;
using System.Text.Json;

namespace Tailor.Events.Reading;

/// <summary>Reads JSON Lines: one JSON object per line, properties named like the CSV columns (aliases,
/// case-insensitive), values as strings or numbers. The first non-blank line must be a JSON object, or the
/// file is rejected as not JSON Lines. When the column set keeps other columns, other properties with a
/// string or number value become other cells (their names pooled).</summary>
internal sealed class JsonLinesRowReader<T> : RowReader<T>
{
    private readonly Stream _stream;
    private readonly Utf8LineReader _lines;
    private readonly IRowValidator<T> _validator;
    private readonly ColumnSet _columns;
    private readonly int _maxFieldChars;
    private readonly BufferedRowCells _cells;
    private readonly int[] _priorities;
    private readonly string?[] _problems;
    private readonly StringPool _otherNames = new();
    private bool _pendingFirst;

    private JsonLinesRowReader(Stream stream, Utf8LineReader lines, EventFileFormat format, IRowValidator<T> validator)
        : base(format)
    {
        _stream = stream;
        _lines = lines;
        _validator = validator;
        _columns = validator.Columns;
        _maxFieldChars = _columns.MaxFieldChars;
        _cells = new BufferedRowCells(_columns);
        _priorities = new int[_columns.FieldCount];
        _problems = new string?[_columns.FieldCount];
    }

    public static async ValueTask<RowReader<T>> OpenAsync(Stream stream, EventFileFormat format, IRowValidator<T> validator, CancellationToken cancellationToken)
    {
        var lines = new Utf8LineReader(stream);
        try
        {
            while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                if (IsBlank(lines.Line.Span))
                {
                    continue;
                }

                if (lines.LineTooLong || !IsJsonObject(StripBom(lines.Line.Span)))
                {
                    throw new EventFileRejectedException(
                        $"The file is named JSON Lines but its first line (line {lines.LineNumber}) is not a JSON object.");
                }

                return new JsonLinesRowReader<T>(stream, lines, format, validator) { _pendingFirst = true };
            }

            throw new EventFileRejectedException("The JSON Lines file is empty.");
        }
        catch
        {
            lines.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async ValueTask FillAsync(RowChunk<T> chunk, CancellationToken cancellationToken)
    {
        while (!chunk.IsFull)
        {
            if (_pendingFirst)
            {
                _pendingFirst = false;
            }
            else if (!await _lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            Process(chunk);
        }
    }

    private void Process(RowChunk<T> chunk)
    {
        var line = _lines.LineNumber == 1 ? StripBom(_lines.Line.Span) : _lines.Line.Span;
        if (IsBlank(line))
        {
            return;
        }

        string? reason;
        if (_lines.LineTooLong)
        {
            reason = $"the line is longer than {Utf8LineReader.MaxLineBytes} bytes";
        }
        else if ((reason = Parse(line)) is null)
        {
            if (_validator.TryValidate(_cells, out var value, out reason))
            {
                chunk.Accepted.Add(value);
                return;
            }
        }

        chunk.Rejected.Add(RowRejection.Create(_lines.LineNumber, reason!, RawText(line)));
    }

    /// <summary>Reads one line's properties into the field buffers; returns a reason when the line is not a
    /// usable JSON object.</summary>
    private string? Parse(ReadOnlySpan<byte> line)
    {
        _cells.Clear();
        Array.Clear(_problems);
        Array.Fill(_priorities, int.MaxValue);
        Span<char> name = stackalloc char[64];
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the line is not a JSON object";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var known = false;
                var field = -1;
                string? other = null;
                if (reader.ValueSpan.Length <= name.Length)
                {
                    var length = reader.CopyString(name);
                    if (_columns.TryResolve(name[..length], out field, out var priority, out var alias))
                    {
                        known = priority < _priorities[field];
                        if (known)
                        {
                            _priorities[field] = priority;
                            _cells.SetSource(field, alias);
                        }
                    }
                    else if (_columns.KeepsOtherColumns && !name[..length].IsWhiteSpace())
                    {
                        other = _otherNames.Get(name[..length].Trim());
                    }
                }

                reader.Read();
                if (known)
                {
                    Store(ref reader, field);
                }
                else if (other is not null && reader.TokenType is JsonTokenType.String or JsonTokenType.Number && reader.ValueSpan.Length <= _maxFieldChars)
                {
                    var buffer = _cells.AddOther(other);
                    _cells.SetOtherLength(reader.TokenType == JsonTokenType.String ? reader.CopyString(buffer) : Encoding.UTF8.GetChars(reader.ValueSpan, buffer));
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return "the line is not a single JSON object";
            }
        }
        catch (JsonException ex)
        {
            return $"the line is not valid JSON: {ex.Message}";
        }

        for (var f = 0; f < _columns.FieldCount; f++)
        {
            if (_problems[f] is { } problem)
            {
                return $"{_columns.Name(f)} (property '{_cells.Source(f)}') {problem}";
            }
        }

        return null;
    }

    private void Store(ref Utf8JsonReader reader, int f)
    {
        var buffer = _cells.Buffer(f);
        var maxFieldChars = _maxFieldChars;
        _problems[f] = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.ValueSpan.Length <= maxFieldChars:
                _cells.SetLength(f, reader.CopyString(buffer));
                break;
            case JsonTokenType.String:
                _cells.SetLength(f, 0);
                _problems[f] = $"is longer than {maxFieldChars} characters";
                break;
            case JsonTokenType.Number when reader.ValueSpan.Length <= maxFieldChars:
                _cells.SetLength(f, Encoding.UTF8.GetChars(reader.ValueSpan, buffer));
                break;
            case JsonTokenType.Number:
                _cells.SetLength(f, 0);
                _problems[f] = $"is longer than {maxFieldChars} characters";
                break;
            case JsonTokenType.True or JsonTokenType.False when _columns.AcceptsBooleans:
                var flag = reader.TokenType == JsonTokenType.True ? "true" : "false";
                flag.CopyTo(buffer);
                _cells.SetLength(f, flag.Length);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                _cells.SetLength(f, 0);
                _problems[f] = "is a boolean, not a string or number";
                break;
            case JsonTokenType.Null:
                _cells.SetLength(f, 0);
                break;
            default:
                reader.Skip();
                _cells.SetLength(f, 0);
                _problems[f] = "is an object or array, not a string or number";
                break;
        }
    }

    private static string RawText(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line[..Math.Min(line.Length, RowRejection.MaxRawChars * 4)]);

    private static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> line) =>
        line.StartsWith("\uFEFF"u8) ? line[3..] : line;

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    private static bool IsJsonObject(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _lines.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
