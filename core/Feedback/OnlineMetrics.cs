using System.Globalization;

namespace Tailor.Feedback;

/// <summary>
/// The online join: each event is attributed to at most one impression that served its item no earlier than
/// <c>window</c> before it — the impression its <see cref="FeedbackEvent.RecommendationId"/> names when that one
/// served the item, otherwise the user's latest such impression — and the impressions' outcomes are summed per group.
/// </summary>
public static class OnlineMetrics
{
    /// <summary>The event type that counts as a conversion.</summary>
    public const string PurchaseType = "purchase";

    /// <summary>z for a two-sided 95 % interval.</summary>
    private const double Z95 = 1.959963984540054;

    public static OnlineMetricsTable Compute(
        IReadOnlyList<Impression> impressions, IEnumerable<FeedbackEvent> events, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyList<string> by, TimeSpan window, int k, int? catalogItems = null)
    {
        var outcomes = new Outcome[impressions.Count];
        var byId = new Dictionary<string, int>(impressions.Count, StringComparer.Ordinal);
        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < impressions.Count; i++)
        {
            var impression = impressions[i];
            byId.TryAdd(impression.RecommendationId, i);
            if (impression.UserId is { } user)
            {
                if (!byUser.TryGetValue(user, out var list))
                {
                    byUser[user] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var list in byUser.Values)
        {
            list.Sort((a, b) => impressions[a].TimestampUtc.CompareTo(impressions[b].TimestampUtc));
        }

        foreach (var e in events)
        {
            var (index, position) = Attribute(e, impressions, byId, byUser, window);
            if (index < 0)
            {
                continue;
            }

            ref var outcome = ref outcomes[index];
            outcome.Clicked = true;
            outcome.Converted |= string.Equals(e.EventType, PurchaseType, StringComparison.OrdinalIgnoreCase);
            outcome.Hit |= position < k;
            outcome.Value += e.Weight;
        }

        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        for (var i = 0; i < impressions.Count; i++)
        {
            var key = KeyOf(impressions[i], by);
            if (!groups.TryGetValue(key.Text, out var group))
            {
                groups[key.Text] = group = new Group(key);
            }

            group.Add(impressions[i], outcomes[i]);
        }

        var rows = new List<OnlineMetricRow>(groups.Count);
        foreach (var group in groups.Values)
        {
            rows.Add(group.ToRow(catalogItems));
        }

        return new OnlineMetricsTable(from, to, by, (int)window.TotalHours, k, rows, Compare(impressions, outcomes));
    }

    /// <summary>Challenger minus champion click-through, with the unpooled two-proportion standard error; null unless
    /// both variants have impressions.</summary>
    public static VariantComparison? Compare(long championImpressions, long championClicked, long challengerImpressions, long challengerClicked)
    {
        if (championImpressions == 0 || challengerImpressions == 0)
        {
            return null;
        }

        var p1 = (double)championClicked / championImpressions;
        var p2 = (double)challengerClicked / challengerImpressions;
        var se = Math.Sqrt((p1 * (1 - p1) / championImpressions) + (p2 * (1 - p2) / challengerImpressions));
        var difference = p2 - p1;
        var low = difference - (Z95 * se);
        var high = difference + (Z95 * se);
        return new VariantComparison(championImpressions, p1, challengerImpressions, p2, difference, low, high, low > 0 || high < 0);
    }

    private static VariantComparison? Compare(IReadOnlyList<Impression> impressions, Outcome[] outcomes)
    {
        long n1 = 0, c1 = 0, n2 = 0, c2 = 0;
        for (var i = 0; i < impressions.Count; i++)
        {
            var clicked = outcomes[i].Clicked ? 1 : 0;
            if (impressions[i].Variant == Variants.Challenger)
            {
                n2++;
                c2 += clicked;
            }
            else
            {
                n1++;
                c1 += clicked;
            }
        }

        return Compare(n1, c1, n2, c2);
    }

    private static (int Index, int Position) Attribute(
        FeedbackEvent e, IReadOnlyList<Impression> impressions, Dictionary<string, int> byId, Dictionary<string, List<int>> byUser, TimeSpan window)
    {
        if (e.RecommendationId is { } id && byId.TryGetValue(id, out var named))
        {
            var position = Served(impressions[named], e, window);
            if (position >= 0)
            {
                return (named, position);
            }
        }

        if (byUser.TryGetValue(e.UserId, out var list))
        {
            for (var j = list.Count - 1; j >= 0; j--)
            {
                var impression = impressions[list[j]];
                if (impression.TimestampUtc > e.Timestamp)
                {
                    continue;
                }

                if (impression.TimestampUtc < e.Timestamp - window)
                {
                    break;
                }

                var position = Served(impression, e, window);
                if (position >= 0)
                {
                    return (list[j], position);
                }
            }
        }

        return (-1, -1);
    }

    /// <summary>The event's item's position in the impression, when the event falls in its window; else -1.</summary>
    private static int Served(Impression impression, FeedbackEvent e, TimeSpan window)
    {
        if (e.Timestamp < impression.TimestampUtc || e.Timestamp > impression.TimestampUtc + window)
        {
            return -1;
        }

        for (var p = 0; p < impression.Items.Count; p++)
        {
            if (string.Equals(impression.Items[p], e.ItemId, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return -1;
    }

    private static GroupKey KeyOf(Impression impression, IReadOnlyList<string> by)
    {
        string? version = null, strategy = null, variant = null, segment = null, period = null;
        foreach (var column in by)
        {
            switch (column)
            {
                case OnlineGrouping.Version: version = impression.ModelVersion; break;
                case OnlineGrouping.Strategy: strategy = impression.Strategy; break;
                case OnlineGrouping.Variant: variant = impression.Variant; break;
                case OnlineGrouping.Segment: segment = impression.Segment ?? ""; break;
                case OnlineGrouping.Hour: period = impression.TimestampUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture); break;
                case OnlineGrouping.Day: period = impression.TimestampUtc.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                default: break;
            }
        }

        return new GroupKey(version, strategy, variant, segment, period, string.Join('\u001f', version, strategy, variant, segment, period));
    }

    private struct Outcome
    {
        public bool Clicked;
        public bool Converted;
        public bool Hit;
        public double Value;
    }

    private sealed record GroupKey(string? Version, string? Strategy, string? Variant, string? Segment, string? Period, string Text);

    private sealed class Group(GroupKey key)
    {
        private readonly HashSet<string> _items = new(StringComparer.Ordinal);
        private long _impressions;
        private long _clicked;
        private long _converted;
        private long _hits;
        private double _value;

        public void Add(Impression impression, Outcome outcome)
        {
            _impressions++;
            _clicked += outcome.Clicked ? 1 : 0;
            _converted += outcome.Converted ? 1 : 0;
            _hits += outcome.Hit ? 1 : 0;
            _value += outcome.Value;
            foreach (var item in impression.Items)
            {
                _items.Add(item);
            }
        }

        public OnlineMetricRow ToRow(int? catalogItems) => new(
            key.Version, key.Strategy, key.Variant, key.Segment, key.Period,
            _impressions, _clicked, _converted, _hits, _items.Count,
            Share(_clicked), Share(_converted), Share(_hits),
            catalogItems is > 0 ? (double)_items.Count / catalogItems.Value : null,
            _value);

        private double Share(long count) => _impressions == 0 ? 0 : (double)count / _impressions;
    }
}
