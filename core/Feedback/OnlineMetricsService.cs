using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tailor.Ingestion;

namespace Tailor.Feedback;

/// <summary>
/// Online metrics on request: the impressions served in [from, to) (<see cref="ImpressionStore"/>) joined with the
/// processed events of [from, to + window) (<see cref="ProcessedEventReader"/>; only batches whose events overlap
/// that range are read, each event with the <c>recommendation_id</c> its file or call carried) by <see cref="OnlineMetrics"/>. The same question within
/// <see cref="FeedbackOptions.MetricsCacheSeconds"/> gets the same table. Each computation publishes the
/// click-through per version and variant to the <c>tailor.feedback.online.click_through</c> gauge.
/// </summary>
public sealed class OnlineMetricsService(
    ImpressionStore impressions, ProcessedEventReader events, IOptions<FeedbackOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long DueAt, OnlineMetricsTable Table)> _cache = new(StringComparer.Ordinal);

    public async Task<OnlineMetricsTable> ComputeAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> by, int? catalogItems = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var key = string.Join('|', from.UtcTicks, to.UtcTicks, string.Join(',', by), catalogItems);
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(key, out var cached) && now < cached.DueAt)
        {
            return cached.Table;
        }

        using var activity = FeedbackTelemetry.Source.StartActivity("online metrics");
        var served = new List<Impression>();
        await foreach (var impression in impressions.ReadAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            served.Add(impression);
        }

        var window = settings.AttributionWindow;
        var later = await ReadEventsAsync(from, to + window, cancellationToken).ConfigureAwait(false);
        var table = OnlineMetrics.Compute(served, later, from, to, by, window, settings.HitRateK, catalogItems);
        Publish(OnlineMetrics.Compute(served, later, from, to, [OnlineGrouping.Version, OnlineGrouping.Variant], window, settings.HitRateK));
        if (_cache.Count > 256)
        {
            _cache.Clear();
        }

        _cache[key] = (now + (settings.MetricsCacheSeconds * time.TimestampFrequency), table);
        activity?.SetTag("tailor.impressions", served.Count);
        return table;
    }

    private async Task<List<FeedbackEvent>> ReadEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var found = new List<FeedbackEvent>();
        await foreach (var batch in events.ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.ProcessedBlobName is null || batch.MaxTimestamp < from || batch.MinTimestamp >= to)
            {
                continue;
            }

            await foreach (var e in events.ReadBatchAsync(batch.ProcessedBlobName, cancellationToken).ConfigureAwait(false))
            {
                if (e.Timestamp >= from && e.Timestamp < to)
                {
                    found.Add(new FeedbackEvent(e.UserId, e.ItemId, e.EventType, e.Weight, e.Timestamp, e.RecommendationId));
                }
            }
        }

        return found;
    }

    /// <summary>Click-through per version and variant of this computation, for the gauge.</summary>
    private static void Publish(OnlineMetricsTable perVersion)
    {
        foreach (var row in perVersion.Rows)
        {
            FeedbackTelemetry.PublishClickThrough(row.ModelVersion ?? "", row.Variant ?? Variants.Champion, row.ClickThrough);
        }
    }
}
