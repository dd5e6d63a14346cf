namespace Tailor.Events.Reading;

/// <summary>Where each field lives in a file with a header (CSV columns, Parquet fields): its column index
/// (-1 when absent) and the name the file gives it. A file must have user and item columns.</summary>
internal sealed class EventColumnMap
{
    private readonly int[] _indexes = [-1, -1, -1, -1, -1];
    private readonly string?[] _sources = new string?[EventColumns.FieldCount];

    public int User => _indexes[(int)EventField.User];

    public int Item => _indexes[(int)EventField.Item];

    public int Type => _indexes[(int)EventField.Type];

    public int Value => _indexes[(int)EventField.Value];

    public int Timestamp => _indexes[(int)EventField.Timestamp];

    public string? UserSource => _sources[(int)EventField.User];

    public string? ItemSource => _sources[(int)EventField.Item];

    public string? TypeSource => _sources[(int)EventField.Type];

    public string? ValueSource => _sources[(int)EventField.Value];

    public string? TimestampSource => _sources[(int)EventField.Timestamp];

    /// <summary>The highest column index a row must reach.</summary>
    public int MaxIndex => _indexes.Max();

    public int IndexOf(EventField field) => _indexes[(int)field];

    public string? SourceOf(EventField field) => _sources[(int)field];

    /// <summary>Maps header names to fields (aliases, case-insensitive; the canonical name beats an alias).
    /// Throws <see cref="EventFileRejectedException"/> when the user or item column is missing.</summary>
    public static EventColumnMap Resolve(IReadOnlyList<string> names, string where)
    {
        var map = new EventColumnMap();
        var priorities = new int[EventColumns.FieldCount];
        Array.Fill(priorities, int.MaxValue);
        for (var i = 0; i < names.Count; i++)
        {
            if (EventColumns.TryResolve(names[i], out var field, out var priority) && priority < priorities[(int)field])
            {
                priorities[(int)field] = priority;
                map._indexes[(int)field] = i;
                map._sources[(int)field] = names[i].Trim();
            }
        }

        if (map.User < 0 || map.Item < 0)
        {
            var shown = string.Join(", ", names.Take(20).Select(n => $"'{PrintableText.Escape(n, 40)}'"));
            throw new EventFileRejectedException(
                $"No recognisable event columns in the {where}: a user column (user_id, user, userId) and an item column " +
                $"(item_id, item, itemId) are required; found {(names.Count == 0 ? "none" : shown)}.");
        }

        return map;
    }

    /// <summary>The reason for a row too short to reach every mapped column.</summary>
    public string MissingColumnsReason(int columnCount)
    {
        var missing = Enumerable.Range(0, EventColumns.FieldCount)
            .Where(f => _indexes[f] >= columnCount)
            .Select(f => $"{EventColumns.Name((EventField)f)} (column '{_sources[f]}')");
        return $"{string.Join(", ", missing)} missing: the row has {columnCount} columns, the header {MaxIndex + 1} or more";
    }
}
