using Tailor.Events;
using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Snapshot;

/// <summary>Accumulates events from many batches into dense user and item indices, summed weights and the time of
/// each (user, item) pair's latest event, holding one string per distinct id and 20 bytes per event, and counting each
/// user's activity shape (<see cref="UserActivity"/>) as the events pass.</summary>
/// <param name="ratingEventType">The event type whose value is a rating (for the profiles' mean rating).</param>
public sealed class SnapshotBuilder(string ratingEventType = "rating")
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);
    private readonly List<string> _userIds = [];
    private readonly List<string> _itemIds = [];
    private readonly List<long> _firstSeen = [];
    private readonly List<long> _lastSeen = [];
    private readonly List<int> _eventCounts = [];
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private readonly List<string> _typeNames = [];
    private readonly List<int[]> _typeCounts = [];
    private readonly HashSet<long> _activeDays = [];
    private readonly List<int> _hours = [];
    private readonly List<int> _weekdays = [];
    private readonly List<double> _ratingSums = [];
    private readonly List<int> _ratingCounts = [];
    private (int User, int Item, float Weight)[] _triples = new (int, int, float)[1024];
    private long[] _times = new long[1024];
    private int _count;

    public int Batches { get; set; }

    public long EventCount => _count;

    public void Add(in InteractionEvent e)
    {
        var user = IndexOf(_users, _userIds, e.UserId);
        var item = IndexOf(_items, _itemIds, e.ItemId);
        var seconds = e.Timestamp.ToUnixTimeSeconds();
        if (user == _firstSeen.Count)
        {
            _firstSeen.Add(seconds);
            _lastSeen.Add(seconds);
            _eventCounts.Add(1);
            _typeCounts.Add(new int[Math.Max(4, _typeNames.Count)]);
            for (var h = 0; h < UserActivity.Hours; h++)
            {
                _hours.Add(0);
            }

            for (var d = 0; d < UserActivity.Weekdays; d++)
            {
                _weekdays.Add(0);
            }

            _ratingSums.Add(0);
            _ratingCounts.Add(0);
        }
        else
        {
            _firstSeen[user] = Math.Min(_firstSeen[user], seconds);
            _lastSeen[user] = Math.Max(_lastSeen[user], seconds);
            _eventCounts[user]++;
        }

        CountActivity(user, e, seconds);
        if (_count == _triples.Length)
        {
            Array.Resize(ref _triples, _triples.Length * 2);
            Array.Resize(ref _times, _triples.Length);
        }

        _times[_count] = e.Timestamp.ToUnixTimeMilliseconds();
        _triples[_count++] = (user, item, e.Weight);
    }

    /// <summary>Builds the snapshot with the protocol's per-user stratified random holdout
    /// (<see cref="DataSplitter.StratifiedRandom"/>).</summary>
    public InteractionSnapshot Build(double holdoutFraction, int seed)
    {
        var all = InteractionMatrix.FromTriples(_userIds.Count, _itemIds.Count, _triples.AsSpan(0, _count));
        var split = DataSplitter.StratifiedRandom(all, holdoutFraction, seed, LatestTimes(all));
        return new InteractionSnapshot(
            [.. _userIds], [.. _itemIds], split.Train, split.Test, [.. _firstSeen], [.. _lastSeen], [.. _eventCounts], Batches,
            split.TrainTimestamps, split.TestTimestamps)
        {
            Activity = BuildActivity(),
        };
    }

    /// <summary>Per entry of <paramref name="all"/>, the latest time of the events merged into it (rows are sorted by
    /// item, so each event finds its entry by binary search).</summary>
    private long[] LatestTimes(InteractionMatrix all)
    {
        var latest = new long[all.NonZeroCount];
        Array.Fill(latest, long.MinValue);
        for (var k = 0; k < _count; k++)
        {
            var (user, item, _) = _triples[k];
            var at = all.ItemsOf(user).BinarySearch(item);
            if (at >= 0)
            {
                var entry = all.RowOffsets[user] + at;
                latest[entry] = Math.Max(latest[entry], _times[k]);
            }
        }

        return latest;
    }

    private void CountActivity(int user, in InteractionEvent e, long seconds)
    {
        if (!_types.TryGetValue(e.EventType, out var type))
        {
            type = _typeNames.Count;
            _types.Add(e.EventType, type);
            _typeNames.Add(e.EventType);
        }

        var counts = _typeCounts[user];
        if (type >= counts.Length)
        {
            Array.Resize(ref counts, Math.Max(type + 1, counts.Length * 2));
            _typeCounts[user] = counts;
        }

        counts[type]++;
        var day = Math.DivRem(seconds, 86_400L, out var secondOfDay);
        if (secondOfDay < 0)
        {
            day--;
            secondOfDay += 86_400L;
        }

        _activeDays.Add(((long)user << 32) | (uint)day);
        _hours[(user * UserActivity.Hours) + (int)(secondOfDay / 3600)]++;
        _weekdays[(user * UserActivity.Weekdays) + (int)(((day % 7) + 11) % 7)]++; // 1970-01-01 was a Thursday (4)
        if (e.Value is { } value && double.IsFinite(value) && string.Equals(e.EventType, ratingEventType, StringComparison.Ordinal))
        {
            _ratingSums[user] += value;
            _ratingCounts[user]++;
        }
    }

    private UserActivity BuildActivity()
    {
        var n = _userIds.Count;
        var types = _typeNames.Count;
        var typeCounts = new int[n * types];
        for (var u = 0; u < n; u++)
        {
            var counts = _typeCounts[u];
            counts.AsSpan(0, Math.Min(types, counts.Length)).CopyTo(typeCounts.AsSpan(u * types));
        }

        var activeDays = new int[n];
        foreach (var key in _activeDays)
        {
            activeDays[(int)(key >> 32)]++;
        }

        return new UserActivity([.. _typeNames], typeCounts, [.. _hours], [.. _weekdays], activeDays, [.. _ratingSums], [.. _ratingCounts]);
    }

    private static int IndexOf(Dictionary<string, int> index, List<string> ids, string id)
    {
        if (!index.TryGetValue(id, out var at))
        {
            at = ids.Count;
            index.Add(id, at);
            ids.Add(id);
        }

        return at;
    }
}
