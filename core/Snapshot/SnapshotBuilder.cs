using Tailor.Events;
using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Snapshot;

/// <summary>Accumulates events from many batches into dense user and item indices, summed weights and the time of
/// each (user, item) pair's latest event, holding one string per distinct id and 20 bytes per event, and counting each
/// user's activity shape (<see cref="UserActivity"/>) as the events pass. A builder over a group of batches hands its
/// part on as a <see cref="SnapshotShard"/>; another merges shards, in batch order, into the same snapshot.</summary>
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
    private long _events;

    public int Batches { get; set; }

    public long EventCount => _events;

    public void Add(in InteractionEvent e)
    {
        var user = UserIndex(e.UserId);
        var item = IndexOf(_items, _itemIds, e.ItemId);
        var seconds = e.Timestamp.ToUnixTimeSeconds();
        _firstSeen[user] = Math.Min(_firstSeen[user], seconds);
        _lastSeen[user] = Math.Max(_lastSeen[user], seconds);
        _eventCounts[user]++;
        _events++;
        CountActivity(user, e, seconds);
        Append(user, item, e.Weight, e.Timestamp.ToUnixTimeMilliseconds());
    }

    /// <summary>Merges a shard of later batches (shards added in batch order give the snapshot one builder reading
    /// every batch would give): ids new to this builder take the next indices in the shard's first-seen order,
    /// partial weights and activity counts add up, first/last seen and interaction times take the extremes.</summary>
    public void Add(SnapshotShard shard)
    {
        Batches += shard.Batches;
        _events += shard.Events;
        var users = new int[shard.UserIds.Length];
        for (var u = 0; u < users.Length; u++)
        {
            users[u] = UserIndex(shard.UserIds[u]);
        }

        var items = new int[shard.ItemIds.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = IndexOf(_items, _itemIds, shard.ItemIds[i]);
        }

        var activity = shard.Activity;
        var types = new int[activity.EventTypes.Length];
        for (var t = 0; t < types.Length; t++)
        {
            types[t] = TypeIndex(activity.EventTypes[t]);
        }

        for (var u = 0; u < users.Length; u++)
        {
            var user = users[u];
            _firstSeen[user] = Math.Min(_firstSeen[user], shard.UserFirstSeen[u]);
            _lastSeen[user] = Math.Max(_lastSeen[user], shard.UserLastSeen[u]);
            _eventCounts[user] += shard.UserEventCounts[u];
            for (var t = 0; t < types.Length; t++)
            {
                TypeCountsOf(user, types[t])[types[t]] += activity.TypeCounts[(u * types.Length) + t];
            }

            for (var h = 0; h < UserActivity.Hours; h++)
            {
                _hours[(user * UserActivity.Hours) + h] += activity.HourCounts[(u * UserActivity.Hours) + h];
            }

            for (var d = 0; d < UserActivity.Weekdays; d++)
            {
                _weekdays[(user * UserActivity.Weekdays) + d] += activity.WeekdayCounts[(u * UserActivity.Weekdays) + d];
            }

            _ratingSums[user] += activity.RatingSums[u];
            _ratingCounts[user] += activity.RatingCounts[u];
            var row = shard.Interactions.ItemsOf(u);
            var weights = shard.Interactions.WeightsOf(u);
            var offset = shard.Interactions.RowOffsets[u];
            for (var k = 0; k < row.Length; k++)
            {
                Append(user, items[row[k]], weights[k], shard.Times[offset + k]);
            }
        }

        foreach (var key in shard.ActiveDays)
        {
            _activeDays.Add(((long)users[(int)(key >> 32)] << 32) | (key & 0xFFFF_FFFFL));
        }
    }

    /// <summary>What the batches added so far contribute, as a shard for <see cref="Add(SnapshotShard)"/>: each
    /// (user, item) pair's summed weight (event weights are positive, so no pair is dropped) and latest time.</summary>
    public SnapshotShard ToShard()
    {
        var pairs = InteractionMatrix.FromTriples(_userIds.Count, _itemIds.Count, _triples.AsSpan(0, _count));
        var activeDays = new long[_activeDays.Count];
        _activeDays.CopyTo(activeDays);
        Array.Sort(activeDays);
        return new SnapshotShard(
            Batches, _events, [.. _userIds], [.. _itemIds], pairs, LatestTimes(pairs), [.. _firstSeen], [.. _lastSeen], [.. _eventCounts],
            BuildActivity(), activeDays);
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
        var type = TypeIndex(e.EventType);
        TypeCountsOf(user, type)[type]++;
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

    private int TypeIndex(string eventType)
    {
        if (!_types.TryGetValue(eventType, out var type))
        {
            type = _typeNames.Count;
            _types.Add(eventType, type);
            _typeNames.Add(eventType);
        }

        return type;
    }

    /// <summary>The user's counts per event type, grown to hold <paramref name="type"/>.</summary>
    private int[] TypeCountsOf(int user, int type)
    {
        var counts = _typeCounts[user];
        if (type >= counts.Length)
        {
            Array.Resize(ref counts, Math.Max(type + 1, counts.Length * 2));
            _typeCounts[user] = counts;
        }

        return counts;
    }

    /// <summary>The user's index, adding the user (no events yet) when new.</summary>
    private int UserIndex(string id)
    {
        var user = IndexOf(_users, _userIds, id);
        if (user == _firstSeen.Count)
        {
            _firstSeen.Add(long.MaxValue);
            _lastSeen.Add(long.MinValue);
            _eventCounts.Add(0);
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

        return user;
    }

    private void Append(int user, int item, float weight, long time)
    {
        if (_count == _triples.Length)
        {
            Array.Resize(ref _triples, _triples.Length * 2);
            Array.Resize(ref _times, _triples.Length);
        }

        _times[_count] = time;
        _triples[_count++] = (user, item, weight);
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
