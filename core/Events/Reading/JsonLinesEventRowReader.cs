using System.Text;
using System.Text.Json;

namespace Tailor.Events.Reading;

/// <summary>Reads JSON Lines: one JSON object per line, properties named like the CSV columns (aliases,
/// case-insensitive), values as strings or numbers. The first non-blank line must be a JSON object, or the
/// file is rejected as not JSON Lines.</summary>
internal sealed class JsonLinesEventRowReader : EventRowReader
{
    private const int MaxFieldChars = 1024;

    private readonly Stream _stream;
    private readonly Utf8LineReader _lines;
    private readonly EventRowValidator _validator;
    private readonly char[][] _text = [.. Enumerable.Range(0, EventColumns.FieldCount).Select(_ => new char[MaxFieldChars])];
    private readonly int[] _lengths = new int[EventColumns.FieldCount];
    private readonly int[] _priorities = new int[EventColumns.FieldCount];
    private readonly string?[] _sources = new string?[EventColumns.FieldCount];
    private readonly string?[] _problems = new string?[EventColumns.FieldCount];
    private bool _pendingFirst;

    private JsonLinesEventRowReader(Stream stream, Utf8LineReader lines, EventFileFormat format, EventRowValidator validator)
        : base(format)
    {
        _stream = stream;
        _lines = lines;
        _validator = validator;
    }

    public static async ValueTask<EventRowReader> OpenAsync(Stream stream, EventFileFormat format, EventRowValidator validator, CancellationToken cancellationToken)
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

                return new JsonLinesEventRowReader(stream, lines, format, validator) { _pendingFirst = true };
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

    protected override async ValueTask FillAsync(EventRowChunk chunk, CancellationToken cancellationToken)
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

    private void Process(EventRowChunk chunk)
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
            var raw = RawRow(_text, _lengths, _sources);
            if (_validator.TryValidate(raw, out var evt, out reason))
            {
                chunk.Accepted.Add(evt);
                return;
            }
        }

        chunk.Rejected.Add(RowRejection.Create(_lines.LineNumber, reason!, RawText(line)));
    }

    /// <summary>Reads one line's properties into the field buffers; returns a reason when the line is not a
    /// usable JSON object.</summary>
    private string? Parse(ReadOnlySpan<byte> line)
    {
        Array.Clear(_lengths);
        Array.Clear(_sources);
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
                EventField field = default;
                var priority = int.MaxValue;
                if (reader.ValueSpan.Length <= name.Length)
                {
                    var length = reader.CopyString(name);
                    known = EventColumns.TryResolve(name[..length], out field, out priority, out var alias) && priority < _priorities[(int)field];
                    if (known)
                    {
                        _priorities[(int)field] = priority;
                        _sources[(int)field] = alias;
                    }
                }

                reader.Read();
                if (known)
                {
                    Store(ref reader, field);
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

        for (var f = 0; f < EventColumns.FieldCount; f++)
        {
            if (_problems[f] is { } problem)
            {
                return $"{EventColumns.Name((EventField)f)} (property '{_sources[f]}') {problem}";
            }
        }

        return null;
    }

    private void Store(ref Utf8JsonReader reader, EventField field)
    {
        var f = (int)field;
        var buffer = _text[f];
        _problems[f] = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.ValueSpan.Length <= MaxFieldChars:
                _lengths[f] = reader.CopyString(buffer);
                break;
            case JsonTokenType.String:
                _lengths[f] = 0;
                _problems[f] = $"is longer than {MaxFieldChars} characters";
                break;
            case JsonTokenType.Number when reader.ValueSpan.Length <= MaxFieldChars:
                _lengths[f] = Encoding.UTF8.GetChars(reader.ValueSpan, buffer);
                break;
            case JsonTokenType.Number:
                _lengths[f] = 0;
                _problems[f] = $"is longer than {MaxFieldChars} characters";
                break;
            case JsonTokenType.True or JsonTokenType.False:
                _lengths[f] = 0;
                _problems[f] = "is a boolean, not a string or number";
                break;
            case JsonTokenType.Null:
                _lengths[f] = 0;
                break;
            default:
                reader.Skip();
                _lengths[f] = 0;
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
