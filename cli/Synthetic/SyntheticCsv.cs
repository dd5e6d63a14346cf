using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Tailor.Cli.Synthetic;

/// <summary>Writes generated events as the events CSV (<c>user_id,item_id,event_type,value,timestamp</c>, Unix
/// seconds), streaming, and opens output files (gzip-compressed when the name ends with <c>.gz</c>).</summary>
internal static class SyntheticCsv
{
    public static async Task WriteEventsAsync(IEnumerable<SyntheticEvent> events, Stream stream, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync("user_id,item_id,event_type,value,timestamp\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            var line = new StringBuilder(64);
            long n = 0;
            foreach (var e in events)
            {
                line.Clear();
                line.Append('u').Append(e.User).Append(",i").Append(e.Item).Append(',').Append(e.EventType).Append(',');
                if (e.Value is { } value)
                {
                    line.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }

                line.Append(',').Append(e.UnixSeconds).Append('\n');
                foreach (var chunk in line.GetChunks())
                {
                    await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                }

                if (++n % 65_536 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
    }

    public static async Task WriteFileAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                await using (gzip.ConfigureAwait(false))
                {
                    await write(gzip, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await write(file, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
