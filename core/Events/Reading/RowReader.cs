using Azure;

namespace Tailor.Events.Reading;

/// <summary>
/// Reads a file's rows, chunk by chunk, as validated values and rejected rows, whatever the rows hold (the
/// validator's <see cref="ColumnSet"/> says which fields). The reader is chosen by the declared
/// <see cref="EventFileFormat"/>, and the content must agree with it (gzip magic for <c>.gz</c>, <c>PAR1</c> for
/// Parquet, a JSON object on the first line of JSON Lines). Anything that makes the file unreadable as a whole
/// surfaces as <see cref="EventFileRejectedException"/>; storage failures (<see cref="RequestFailedException"/>)
/// and cancellation pass through so that callers can retry.
/// </summary>
internal abstract class RowReader<T> : IAsyncDisposable
{
    private static readonly byte[] s_gzipMagic = [0x1F, 0x8B];

    protected RowReader(EventFileFormat format) => Format = format;

    public EventFileFormat Format { get; }

    /// <summary>Opens a reader over <paramref name="content"/> (which it owns and disposes); gzip content is
    /// refused when it decompresses to more than <paramref name="maxUncompressedBytes"/>.</summary>
    public static async ValueTask<RowReader<T>> OpenAsync(
        Stream content, EventFileFormat format, IRowValidator<T> validator, long maxUncompressedBytes, CancellationToken cancellationToken)
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

                stream = new CheckedGzipStream(rest, maxUncompressedBytes);
            }

            return format.Layout switch
            {
                EventFileLayout.Csv => await CsvRowReader<T>.OpenAsync(stream, format, validator, cancellationToken).ConfigureAwait(false),
                EventFileLayout.JsonLines => await JsonLinesRowReader<T>.OpenAsync(stream, format, validator, cancellationToken).ConfigureAwait(false),
                _ => await ParquetRowReader<T>.OpenAsync(stream, format, validator, cancellationToken).ConfigureAwait(false),
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
    public async ValueTask<bool> ReadAsync(RowChunk<T> chunk, CancellationToken cancellationToken)
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

    protected abstract ValueTask FillAsync(RowChunk<T> chunk, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

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
