using System.Runtime.CompilerServices;
using Tailor.Events.Reading;

namespace Tailor.Events;

/// <summary>Reads a local event file (<c>.csv</c>, <c>.jsonl</c>, <c>.parquet</c>, each optionally <c>.gz</c>)
/// the way ingestion reads a blob, for the CLI (<c>tailor evaluate</c>) and tests.</summary>
public static class EventFile
{
    /// <summary>
    /// Streams the file's valid events in file order, skipping bad rows (no duplicate removal). Throws
    /// <see cref="EventFileRejectedException"/> with the reason when the file cannot be read as a whole:
    /// unsupported extension, content contradicting it, no user or item column, larger than
    /// <see cref="EventOptions.MaxFileBytes"/>, no data rows — and, at the end, when the share of bad rows is
    /// above <see cref="EventOptions.MaxBadRowShare"/>.
    /// </summary>
    public static async IAsyncEnumerable<InteractionEvent> ReadValidAsync(
        string path, EventOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new EventOptions();
        var format = EventFileFormat.FromName(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (file.Length > options.MaxFileBytes)
        {
            var length = file.Length;
            await file.DisposeAsync().ConfigureAwait(false);
            throw new EventFileRejectedException(TooLargeReason(length, options));
        }

        var validator = new EventRowValidator(options, TimeProvider.System.GetUtcNow());
        var reader = await EventRowReader.OpenAsync(file, format, validator, options, ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var chunk = new EventRowChunk();
            long rows = 0, bad = 0;
            while (await reader.ReadAsync(chunk, ct).ConfigureAwait(false))
            {
                rows += chunk.RowsRead;
                bad += chunk.Rejected.Count;
                foreach (var evt in chunk.Accepted)
                {
                    yield return evt;
                }
            }

            if (BadRowsReason(rows, bad, options) is { } reason)
            {
                throw new EventFileRejectedException(reason);
            }
        }
    }

    internal static string TooLargeReason(long bytes, EventOptions options) =>
        $"The file has {bytes} bytes, more than the limit of {options.MaxFileBytes} (setting {EventOptions.Section}:{nameof(EventOptions.MaxFileBytes)}).";

    /// <summary>The file-level reason when a file has no data rows or too many bad ones; null when acceptable.</summary>
    internal static string? BadRowsReason(long rows, long bad, EventOptions options)
    {
        if (rows == 0)
        {
            return "The file has no data rows.";
        }

        var share = (double)bad / rows;
        return share > options.MaxBadRowShare
            ? $"{bad} of {rows} rows are invalid ({share:P1}), more than the limit of {options.MaxBadRowShare:P0} (setting {EventOptions.Section}:{nameof(EventOptions.MaxBadRowShare)})."
            : null;
    }
}
