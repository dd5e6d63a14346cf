using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Feedback;

/// <summary>
/// The recommendation ids callers sent with <c>POST events</c>, read back from the API's own blobs
/// (<c>api/&lt;yyyy-MM-dd&gt;/…jsonl</c> in the events container, written by <see cref="EventApiWriter"/>), keyed by user,
/// item and timestamp so a processed event can be matched to the id it came with. Processed Parquet does not carry
/// the id; events without an explicit timestamp (stamped at ingestion) cannot be matched and fall back to user+item.
/// </summary>
public sealed class ApiRecommendationIds(TailorStorage storage)
{
    /// <summary>Ids of events posted on the days from <paramref name="from"/> to a day after <paramref name="to"/>.</summary>
    public async Task<Dictionary<(string User, string Item, long Micros), string>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var ids = new Dictionary<(string, string, long), string>();
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime.Date.AddDays(1); day = day.AddDays(1))
        {
            var prefix = EventApiWriter.Prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/";
            await foreach (var item in storage.Events.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                var download = await storage.Events.GetBlobClient(item.Name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(download.Value.Content, Encoding.UTF8);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (Parse(line) is { } entry)
                    {
                        ids[entry.Key] = entry.Id;
                    }
                }
            }
        }

        return ids;
    }

    /// <summary>The key a processed event's timestamp has (Parquet keeps microseconds).</summary>
    public static long Micros(DateTimeOffset timestamp) => timestamp.UtcTicks / 10;

    private static ((string, string, long) Key, string Id)? Parse(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (!root.TryGetProperty("recommendation_id", out var id) || !root.TryGetProperty("user_id", out var user)
            || !root.TryGetProperty("item_id", out var item) || !root.TryGetProperty("timestamp", out var time)
            || !EventTimestamp.TryParse(time.GetString(), out var timestamp))
        {
            return null;
        }

        return ((user.GetString()!, item.GetString()!, Micros(timestamp)), id.GetString()!);
    }
}
