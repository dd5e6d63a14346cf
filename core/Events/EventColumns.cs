using Tailor.Events.Reading;

namespace Tailor.Events;

/// <summary>Column names and their aliases (case-insensitive): <c>user_id</c> [user, userId], <c>item_id</c>
/// [item, itemId], <c>event_type</c> [event, type], <c>value</c> [rating, weight], <c>timestamp</c> [ts, time],
/// <c>recommendation_id</c> [recommendationId, recommendation] (optional: the recommendation the event answers).</summary>
internal static class EventColumns
{
    public const int FieldCount = 6;

    /// <summary>The column name whose presence (as the value column, without an event type column) makes a
    /// file MovieLens-style: every row is a rating.</summary>
    public const string RatingColumn = "rating";

    private static readonly string[] s_canonical = ["user_id", "item_id", "event_type", "value", "timestamp", "recommendation_id"];

    private static readonly Dictionary<string, (EventField Field, int Priority)> s_aliases =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["user_id"] = (EventField.User, 0),
            ["user"] = (EventField.User, 1),
            ["userId"] = (EventField.User, 2),
            ["item_id"] = (EventField.Item, 0),
            ["item"] = (EventField.Item, 1),
            ["itemId"] = (EventField.Item, 2),
            ["event_type"] = (EventField.Type, 0),
            ["event"] = (EventField.Type, 1),
            ["type"] = (EventField.Type, 2),
            ["value"] = (EventField.Value, 0),
            ["rating"] = (EventField.Value, 1),
            ["weight"] = (EventField.Value, 2),
            ["timestamp"] = (EventField.Timestamp, 0),
            ["ts"] = (EventField.Timestamp, 1),
            ["time"] = (EventField.Timestamp, 2),
            ["recommendation_id"] = (EventField.Recommendation, 0),
            ["recommendationId"] = (EventField.Recommendation, 1),
            ["recommendation"] = (EventField.Recommendation, 2),
        };

    private static readonly Dictionary<string, (EventField Field, int Priority)>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_aliases.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The event fields as the readers see them (field numbers are <see cref="EventField"/> values).</summary>
    public static ColumnSet Set { get; } = new(
        "event",
        s_canonical,
        s_aliases.Select(a => (a.Key, (int)a.Value.Field, a.Value.Priority)),
        [(int)EventField.User, (int)EventField.Item],
        "a user column (user_id, user, userId) and an item column (item_id, item, itemId) are");

    /// <summary>The canonical name of a field, used in every reason.</summary>
    public static string Name(EventField field) => s_canonical[(int)field];

    /// <summary>Resolves a column or property name (surrounding spaces ignored) to a field; a lower priority
    /// number wins when a file has several aliases of one field.</summary>
    public static bool TryResolve(ReadOnlySpan<char> name, out EventField field, out int priority) =>
        TryResolve(name, out field, out priority, out _);

    /// <summary>Like <see cref="TryResolve(ReadOnlySpan{char}, out EventField, out int)"/>, also giving the alias
    /// as this table spells it (a shared string, for names read per row).</summary>
    public static bool TryResolve(ReadOnlySpan<char> name, out EventField field, out int priority, out string alias)
    {
        if (s_lookup.TryGetValue(name.Trim(), out alias!, out var entry))
        {
            (field, priority) = entry;
            return true;
        }

        field = default;
        priority = int.MaxValue;
        alias = "";
        return false;
    }
}
