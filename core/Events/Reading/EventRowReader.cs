using Azure;

namespace Tailor.Events.Reading;

/// <summary>
/// Reads an event file's rows, chunk by chunk, as validated events and rejected rows. The reader is chosen
/// by the declared <see cref="EventFileFormat"/>, and the content must agree with it (gzip magic for
/// <c>.gz</c>, <c>PAR1</c> for Parquet, a JSON object on the first line of JSON Lines). Anything that makes
/// the file unreadable as a whole surfaces as <see cref="EventFileRejectedException"/>; storage failures
/// (<see cref="RequestFailedException"/>) and cancellation pass through so that callers can retry.
/// </summary>
internal abstract class EventRowReader : IAsyncDisposable
{
    private static readonly byte[] s_gzipMagic = [0x1F, 0x8B];

    protected EventRowReader(EventFileFormat format) => Format = format;

    public EventFileFormat Format { get; }

    /// <summary>Opens a reader over <paramref name="content"/> (which it owns and disposes).</summary>
    public static async ValueTask<EventRowReader> OpenAsync(
        Stream content, EventFileFormat format, EventRowValidator validator, EventOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var stream = content;
            if (format.Gzip)
            {
                var (head, length, rest) = await PrefixedStream.PeekAsync(stream, 2, cancellationToken).ConfigureAwait(false);
                if (length < 2 || !head.AsSpan(0, 2).SequenceEqual(s_gzipMagic))
                {
                    await rest.DisposeAsync().ConfigureAwait(false);
                    throw new EventFileRejectedException("The file is named .gz but its content is not gzip (no gzip magic bytes).");
                }

                stream = new CheckedGzipStream(rest, options.MaxUncompressedBytes);
            }

            return format.Layout switch
            {
                EventFileLayout.Csv => await CsvEventRowReader.OpenAsync(stream, format, validator, cancellationToken).ConfigureAwait(false),
                EventFileLayout.JsonLines => await JsonLinesEventRowReader.OpenAsync(stream, format, validator, cancellationToken).ConfigureAwait(false),
                _ => await ParquetEventRowReader.OpenAsync(stream, format, validator, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception ex) when (IsContentFailure(ex))
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw Rejected(format, ex);
        }
        catch
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Clears <paramref name="chunk"/> and fills it with up to its capacity of rows; false when
    /// the file has no more rows (the chunk is then empty).</summary>
    public async ValueTask<bool> ReadAsync(EventRowChunk chunk, CancellationToken cancellationToken)
    {
        chunk.Clear();
        try
        {
            await FillAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsContentFailure(ex))
        {
            throw Rejected(Format, ex);
        }

        return chunk.RowsRead > 0;
    }

    protected abstract ValueTask FillAsync(EventRowChunk chunk, CancellationToken cancellationToken);

    /// <summary>The row whose field <c>f</c> (an <see cref="EventField"/>) is the first <c>lengths[f]</c>
    /// characters of <c>text[f]</c>, named <c>sources[f]</c> in the file.</summary>
    protected static RawEventRow RawRow(char[][] text, int[] lengths, string?[] sources) => new()
    {
        User = Field(text, lengths, EventField.User),
        Item = Field(text, lengths, EventField.Item),
        Type = Field(text, lengths, EventField.Type),
        Value = Field(text, lengths, EventField.Value),
        Timestamp = Field(text, lengths, EventField.Timestamp),
        UserSource = sources[(int)EventField.User],
        ItemSource = sources[(int)EventField.Item],
        TypeSource = sources[(int)EventField.Type],
        ValueSource = sources[(int)EventField.Value],
        TimestampSource = sources[(int)EventField.Timestamp],
    };

    public abstract ValueTask DisposeAsync();

    private static ReadOnlySpan<char> Field(char[][] text, int[] lengths, EventField field) =>
        text[(int)field].AsSpan(0, lengths[(int)field]);

    private static bool IsContentFailure(Exception ex) =>
        ex is not OperationCanceledException and not RequestFailedException and not EventFileRejectedException and not OutOfMemoryException;

    private static EventFileRejectedException Rejected(EventFileFormat format, Exception ex) => ex switch
    {
        EventFileRejectedException rejected => rejected,
        InvalidDataException when format.Gzip => new EventFileRejectedException($"The gzip content is corrupt or truncated: {PrintableText.Escape(ex.Message, 300)}", ex),
        EndOfStreamException => new EventFileRejectedException($"The {format} content ends unexpectedly (truncated): {PrintableText.Escape(ex.Message, 300)}", ex),
        _ => new EventFileRejectedException($"The file could not be read as {format}: {PrintableText.Escape(ex.Message, 300)}", ex),
    };
}
