using Tailor.Events;
using Tailor.Interactions;

namespace Tailor.Evaluation;

/// <summary>
/// Events indexed into a dense users × items <see cref="InteractionMatrix"/>, with the tables that map
/// row and column indices back to external ids and, per stored interaction, the time of its latest event.
/// Weights of repeated (user, item) events are summed; indices follow first appearance in the input.
/// </summary>
public sealed class InteractionDataset
{
    private readonly Dictionary<string, int> _userIndex;
    private readonly Dictionary<string, int> _itemIndex;

    private InteractionDataset(
        string[] userIds, string[] itemIds, Dictionary<string, int> userIndex, Dictionary<string, int> itemIndex,
        InteractionMatrix matrix, long[] timestamps)
    {
        UserIds = userIds;
        ItemIds = itemIds;
        _userIndex = userIndex;
        _itemIndex = itemIndex;
        Matrix = matrix;
        Timestamps = timestamps;
    }

    /// <summary>External user id of each matrix row.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>External item id of each matrix column.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    public InteractionMatrix Matrix { get; }

    /// <summary>Unix milliseconds of the latest event behind each stored interaction, aligned with
    /// <see cref="InteractionMatrix.Columns"/>.</summary>
    public long[] Timestamps { get; }

    public int UserIndexOf(string userId) => _userIndex.TryGetValue(userId, out var u) ? u : -1;

    public int ItemIndexOf(string itemId) => _itemIndex.TryGetValue(itemId, out var i) ? i : -1;

    /// <summary>Indexes <paramref name="events"/>: every user and item gets a dense index in order of first appearance.</summary>
    public static InteractionDataset Build(IEnumerable<InteractionEvent> events) =>
        Build(events, [], [], extendItems: true, extendUsers: true);

    /// <summary>
    /// Indexes <paramref name="events"/> against the id tables of <paramref name="reference"/> (typically the
    /// training set): users unknown to the reference are dropped, and items unknown to it get indices after
    /// the reference's items, so they still count as relevant but can never be recommended.
    /// </summary>
    public static InteractionDataset BuildAligned(IEnumerable<InteractionEvent> events, InteractionDataset reference) =>
        Build(events, reference.UserIds, reference.ItemIds, extendItems: true, extendUsers: false);

    private static InteractionDataset Build(
        IEnumerable<InteractionEvent> events, IReadOnlyList<string> knownUsers, IReadOnlyList<string> knownItems,
        bool extendItems, bool extendUsers)
    {
        var userIds = new List<string>(knownUsers);
        var itemIds = new List<string>(knownItems);
        var userIndex = new Dictionary<string, int>(userIds.Count, StringComparer.Ordinal);
        var itemIndex = new Dictionary<string, int>(itemIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < userIds.Count; i++)
        {
            userIndex[userIds[i]] = i;
        }

        for (var i = 0; i < itemIds.Count; i++)
        {
            itemIndex[itemIds[i]] = i;
        }

        // One (user << 32 | item) key per event, sorted, then merged: no per-pair dictionary.
        var keys = new List<long>();
        var weights = new List<float>();
        var times = new List<long>();
        foreach (var e in events)
        {
            if (!userIndex.TryGetValue(e.UserId, out var u))
            {
                if (!extendUsers)
                {
                    continue;
                }

                u = userIds.Count;
                userIds.Add(e.UserId);
                userIndex.Add(e.UserId, u);
            }

            if (!itemIndex.TryGetValue(e.ItemId, out var i))
            {
                if (!extendItems)
                {
                    continue;
                }

                i = itemIds.Count;
                itemIds.Add(e.ItemId);
                itemIndex.Add(e.ItemId, i);
            }

            keys.Add(((long)u << 32) | (uint)i);
            weights.Add(e.Weight);
            times.Add(e.Timestamp.ToUnixTimeMilliseconds());
        }

        var sortedKeys = keys.ToArray();
        var order = new int[sortedKeys.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        // Stable on ties is not needed: weights are summed and the latest time taken.
        Array.Sort(sortedKeys, order);

        var userCount = userIds.Count;
        var offsets = new int[userCount + 1];
        var columns = new List<int>();
        var values = new List<float>();
        var latest = new List<long>();
        var at = 0;
        while (at < sortedKeys.Length)
        {
            var key = sortedKeys[at];
            var sum = 0f;
            var time = long.MinValue;
            for (; at < sortedKeys.Length && sortedKeys[at] == key; at++)
            {
                sum += weights[order[at]];
                time = Math.Max(time, times[order[at]]);
            }

            if (sum > 0f)
            {
                offsets[(int)(key >> 32) + 1]++;
                columns.Add((int)(key & 0xFFFF_FFFF));
                values.Add(sum);
                latest.Add(time);
            }
        }

        for (var u = 0; u < userCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        var matrix = new InteractionMatrix(userCount, itemIds.Count, offsets, columns.ToArray(), values.ToArray());
        var timestamps = latest.ToArray();

        return new InteractionDataset(userIds.ToArray(), itemIds.ToArray(), userIndex, itemIndex, matrix, timestamps);
    }
}
