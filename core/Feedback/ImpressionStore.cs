using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Tailor.Storage;

namespace Tailor.Feedback;

/// <summary>
/// The impressions container: one JSON Lines append blob per process and hour, <c>&lt;yyyy-MM-dd&gt;/&lt;HH&gt;/&lt;instance&gt;.jsonl</c>
/// (UTC hour of the impression). Each flush appends whole lines, at most <see cref="MaxBlockBytes"/> per block, so a
/// reader never sees half a line. Holds user ids: it is user data.
/// </summary>
public sealed class ImpressionStore(TailorStorage storage)
{
    /// <summary>Largest append block written (Azure accepts more; this keeps every service version happy).</summary>
    public const int MaxBlockBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);

    /// <summary>This process's part of every hour's blob names.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>The folder of one UTC hour: <c>yyyy-MM-dd/HH/</c>.</summary>
    public static string HourPrefix(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.ToString("yyyy-MM-dd'/'HH", CultureInfo.InvariantCulture) + "/";
    }

    /// <summary>Appends the impressions to their hours' blobs (created when missing).</summary>
    public async Task AppendAsync(IReadOnlyList<Impression> impressions, CancellationToken cancellationToken = default)
    {
        foreach (var hour in impressions.GroupBy(i => HourPrefix(i.TimestampUtc), StringComparer.Ordinal))
        {
            var blob = storage.Impressions.GetAppendBlobClient(hour.Key + Instance + ".jsonl");
            if (!_created.ContainsKey(blob.Name))
            {
                await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } },
                    cancellationToken).ConfigureAwait(false);
                _created[blob.Name] = true;
            }

            using var block = new MemoryStream();
            foreach (var impression in hour)
            {
                var line = JsonSerializer.SerializeToUtf8Bytes(impression, FeedbackJsonContext.Default.Impression);
                if (block.Length > 0 && block.Length + line.Length + 1 > MaxBlockBytes)
                {
                    await AppendBlockAsync(blob, block, cancellationToken).ConfigureAwait(false);
                }

                block.Write(line);
                block.WriteByte((byte)'\n');
            }

            await AppendBlockAsync(blob, block, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The impressions served in [<paramref name="from"/>, <paramref name="to"/>), hour folder by hour folder.</summary>
    public async IAsyncEnumerable<Impression> ReadAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = storage.Impressions;
        var hour = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, from.UtcDateTime.Day, from.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        for (; hour < to; hour = hour.AddHours(1))
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = HourPrefix(hour) }, cancellationToken).ConfigureAwait(false))
            {
                var download = await container.GetBlobClient(item.Name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(download.Value.Content, Encoding.UTF8);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    var impression = JsonSerializer.Deserialize(line, FeedbackJsonContext.Default.Impression);
                    if (impression is not null && impression.TimestampUtc >= from && impression.TimestampUtc < to)
                    {
                        yield return impression;
                    }
                }
            }
        }
    }

    private static async Task AppendBlockAsync(AppendBlobClient blob, MemoryStream block, CancellationToken cancellationToken)
    {
        if (block.Length == 0)
        {
            return;
        }

        block.Position = 0;
        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken).ConfigureAwait(false);
        block.SetLength(0);
    }
}
