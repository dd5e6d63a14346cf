using Tailor.Events;
using Tailor.Snapshot;

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

        // (user, item) -> position in the aggregate lists.
        var cells = new Dictionary<(int, int), int>();
        var triples = new List<(int User, int Item, float Weight)>();
        var latest = new List<long>();
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

            var ms = e.Timestamp.ToUnixTimeMilliseconds();
            if (cells.TryGetValue((u, i), out var at))
            {
                var t = triples[at];
                triples[at] = (t.User, t.Item, t.Weight + e.Weight);
                latest[at] = Math.Max(latest[at], ms);
            }
            else
            {
                cells.Add((u, i), triples.Count);
                triples.Add((u, i, e.Weight));
                latest.Add(ms);
            }
        }

        // Sort by (user, item) so the timestamps line up with the CSR order FromTriples produces.
        var order = new int[triples.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = triples[a].User.CompareTo(triples[b].User);
            return c != 0 ? c : triples[a].Item.CompareTo(triples[b].Item);
        });

        var sorted = new (int User, int Item, float Weight)[order.Length];
        var times = new List<long>(order.Length);
        for (var k = 0; k < order.Length; k++)
        {
            sorted[k] = triples[order[k]];
        }

        var matrix = InteractionMatrix.FromTriples(userIds.Count, itemIds.Count, sorted);

        // FromTriples drops non-positive sums (the cells are already unique); keep the timestamps alike.
        for (var k = 0; k < order.Length; k++)
        {
            if (sorted[k].Weight > 0f)
            {
                times.Add(latest[order[k]]);
            }
        }

        return new InteractionDataset(userIds.ToArray(), itemIds.ToArray(), userIndex, itemIndex, matrix, times.ToArray());
    }
}
