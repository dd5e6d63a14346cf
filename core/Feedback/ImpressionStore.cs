using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
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
                await CreateIfMissingAsync(blob, cancellationToken).ConfigureAwait(false);
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
                await foreach (var impression in ReadBlobAsync(item.Name, cancellationToken).ConfigureAwait(false))
                {
                    if (impression.TimestampUtc >= from && impression.TimestampUtc < to)
                    {
                        yield return impression;
                    }
                }
            }
        }
    }

    /// <summary>The impressions served to <paramref name="userId"/>, across every hour kept (the right of access): at
    /// most <paramref name="limit"/> of them, with how many there are in all.</summary>
    public async Task<(IReadOnlyList<Impression> Impressions, long Total)> ReadForUserAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        var found = new List<Impression>();
        long total = 0;
        foreach (var name in await BlobNamesAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (var impression in ReadBlobAsync(name, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(impression.UserId, userId, StringComparison.Ordinal))
                {
                    total++;
                    if (found.Count < limit)
                    {
                        found.Add(impression);
                    }
                }
            }
        }

        found.Sort((a, b) => a.TimestampUtc.CompareTo(b.TimestampUtc));
        return (found, total);
    }

    /// <summary>Every impressions blob's name; none when the container does not exist yet.</summary>
    private async Task<List<string>> BlobNamesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var item in storage.Impressions.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                names.Add(item.Name);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No impressions container yet: nothing served was recorded.
        }

        return names;
    }

    /// <summary>The impressions of one blob, line by line.</summary>
    private async IAsyncEnumerable<Impression> ReadBlobAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var download = await storage.Impressions.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(download.Value.Content, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0 && JsonSerializer.Deserialize(line, FeedbackJsonContext.Default.Impression) is { } impression)
            {
                yield return impression;
            }
        }
    }

    private static Task CreateIfMissingAsync(AppendBlobClient blob, CancellationToken cancellationToken) =>
        blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken);

    private static async Task AppendBlockAsync(AppendBlobClient blob, MemoryStream block, CancellationToken cancellationToken)
    {
        if (block.Length == 0)
        {
            return;
        }

        block.Position = 0;
        try
        {
            await blob.AppendBlockAsync(block, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The hour's blob was rewritten by an erasure (deleted, then created again): create it and append once more.
            await CreateIfMissingAsync(blob, cancellationToken).ConfigureAwait(false);
            block.Position = 0;
            await blob.AppendBlockAsync(block, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        block.SetLength(0);
    }

    /// <summary>Rewrites every impressions blob that holds a list served to one of <paramref name="users"/> without
    /// those lines (other lines are copied byte for byte), and says what it removed. A blob appended to while it is
    /// read is read again; an append that races the rewrite recreates the blob (see <see cref="AppendAsync"/>).</summary>
    public async Task<ImpressionErasure> EraseUsersAsync(IReadOnlySet<string> users, CancellationToken cancellationToken = default)
    {
        var byUser = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0, written = 0;
        var changed = 0;
        var container = storage.Impressions;
        foreach (var name in await BlobNamesAsync(cancellationToken).ConfigureAwait(false))
        {
            var blob = container.GetAppendBlobClient(name);
            for (var attempt = 0; ; attempt++)
            {
                var download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var content = download.Value.Content.ToMemory();
                read += content.Length;
                var (kept, removed) = WithoutUsers(content.Span, users);
                if (removed.Count == 0)
                {
                    break;
                }

                try
                {
                    await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = download.Value.Details.ETag }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 412 && attempt < 3)
                {
                    continue; // appended to since it was read: read it again
                }

                await CreateIfMissingAsync(blob, cancellationToken).ConfigureAwait(false);
                for (var at = 0; at < kept.Length; at += MaxBlockBytes)
                {
                    using var part = new MemoryStream(kept, at, Math.Min(MaxBlockBytes, kept.Length - at), writable: false);
                    await blob.AppendBlockAsync(part, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                written += kept.Length;
                changed++;
                foreach (var (user, count) in removed)
                {
                    byUser[user] = byUser.GetValueOrDefault(user) + count;
                }

                break;
            }
        }

        return new ImpressionErasure(byUser, read, written, changed);
    }

    /// <summary>The lines of a JSON Lines blob whose impression's user is not one of <paramref name="users"/>, and the
    /// count of lines removed per user.</summary>
    private static (byte[] Kept, Dictionary<string, long> Removed) WithoutUsers(ReadOnlySpan<byte> content, IReadOnlySet<string> users)
    {
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        using var kept = new MemoryStream(content.Length);
        while (!content.IsEmpty)
        {
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..(end + 1)];
            content = end < 0 ? [] : content[(end + 1)..];
            var json = line.TrimEnd((byte)'\n');
            if (json.Length > 0 && JsonSerializer.Deserialize(json, FeedbackJsonContext.Default.Impression) is { UserId: { } user } && users.Contains(user))
            {
                removed[user] = removed.GetValueOrDefault(user) + 1;
                continue;
            }

            kept.Write(line);
        }

        return (kept.ToArray(), removed);
    }
}

/// <summary>What <see cref="ImpressionStore.EraseUsersAsync"/> removed: impressions per user, bytes read and written, blobs rewritten.</summary>
public sealed record ImpressionErasure(IReadOnlyDictionary<string, long> RemovedByUser, long BytesRead, long BytesWritten, int BlobsChanged);
