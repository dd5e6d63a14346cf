using Tailor.Events;

namespace Tailor.Cli.Stats;

/// <summary>
/// Counts events per user, per item, per type and per rating value as they stream past, then reports the
/// file's shape (<see cref="EventStatisticsReport"/>). Memory grows with distinct users and items, not events.
/// </summary>
public sealed class EventStatistics
{
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perItem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<double, long> _ratings = [];
    private readonly string _ratingType;
    private long _events;

    public EventStatistics(string ratingEventType = "rating") => _ratingType = ratingEventType;

    /// <summary>Reads every valid event of the file at <paramref name="path"/> (any format the core reads).</summary>
    public static async Task<EventStatisticsReport> ReadAsync(string path, EventOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EventOptions();
        var statistics = new EventStatistics(options.RatingEventType);
        await foreach (var e in EventFile.ReadValidAsync(path, options, cancellationToken).ConfigureAwait(false))
        {
            statistics.Add(e.UserId, e.ItemId, e.EventType, e.Value);
        }

        return statistics.Report();
    }

    public void Add(string userId, string itemId, string eventType, double? value)
    {
        Increment(_perUser, userId);
        Increment(_perItem, itemId);
        _types[eventType] = _types.GetValueOrDefault(eventType) + 1;
        if (value is { } rating && eventType == _ratingType)
        {
            _ratings[rating] = _ratings.GetValueOrDefault(rating) + 1;
        }

        _events++;
    }

    public EventStatisticsReport Report()
    {
        if (_events == 0)
        {
            throw new InvalidOperationException("No events were added.");
        }

        var users = Sorted(_perUser);
        var items = Sorted(_perItem);
        var ratingCount = _ratings.Values.Sum();
        return new EventStatisticsReport(
            users.Length,
            items.Length,
            _events,
            _events / ((double)users.Length * items.Length),
            CountSummary.Of(users),
            CountSummary.Of(items),
            Gini(items),
            TopShare(items, 0.01),
            TopShare(items, 0.10),
            [.. _types.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)],
            [.. _ratings.OrderBy(r => r.Key).Select(r => new KeyValuePair<double, double>(r.Key, (double)r.Value / ratingCount))]);
    }

    /// <summary>The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/>, interpolating linearly
    /// between the order statistics at positions ⌊p(n−1)⌋ and ⌈p(n−1)⌉ (NumPy's default).</summary>
    public static double Quantile(ReadOnlySpan<int> sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>The Gini coefficient of ascending non-negative <paramref name="sorted"/>:
    /// Σ(2i − n − 1)·xᵢ / (n·Σx), i from 1.</summary>
    public static double Gini(ReadOnlySpan<int> sorted)
    {
        double weighted = 0, total = 0;
        var n = sorted.Length;
        for (var i = 0; i < n; i++)
        {
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
            total += sorted[i];
        }

        return total == 0 ? 0 : weighted / (n * total);
    }

    /// <summary>Share of the total held by the largest ⌈<paramref name="fraction"/>·n⌉ values of ascending
    /// <paramref name="sorted"/>.</summary>
    public static double TopShare(ReadOnlySpan<int> sorted, double fraction)
    {
        var count = Math.Max(1, (int)Math.Ceiling(fraction * sorted.Length - 1e-9));
        double top = 0, total = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            total += sorted[i];
            top += i >= sorted.Length - count ? sorted[i] : 0;
        }

        return total == 0 ? 0 : top / total;
    }

    private static void Increment(Dictionary<string, int> counts, string key)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count++;
    }

    private static int[] Sorted(Dictionary<string, int> counts)
    {
        var values = counts.Values.ToArray();
        Array.Sort(values);
        return values;
    }
}
