using Tailor.Events;
using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Snapshot;

/// <summary>Accumulates events from many batches into dense user and item indices, summed weights and the time of
/// each (user, item) pair's latest event, holding one string per distinct id and 20 bytes per event.</summary>
public sealed class SnapshotBuilder
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);
    private readonly List<string> _userIds = [];
    private readonly List<string> _itemIds = [];
    private readonly List<long> _firstSeen = [];
    private readonly List<long> _lastSeen = [];
    private readonly List<int> _eventCounts = [];
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
        }
        else
        {
            _firstSeen[user] = Math.Min(_firstSeen[user], seconds);
            _lastSeen[user] = Math.Max(_lastSeen[user], seconds);
            _eventCounts[user]++;
        }

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
            split.TrainTimestamps, split.TestTimestamps);
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
