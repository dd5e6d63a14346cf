namespace Tailor.Events.Reading;

/// <summary>Where each field of a <see cref="ColumnSet"/> lives in a file with a header (CSV columns, Parquet
/// fields): its column index (-1 when absent) and the name the file gives it; and, when the set keeps them,
/// the other columns (index and name) in file order.</summary>
internal sealed class ColumnMap
{
    private readonly int[] _indexes;
    private readonly string?[] _sources;
    private readonly List<(int Index, string Name)> _others = [];

    private ColumnMap(ColumnSet columns)
    {
        Columns = columns;
        _indexes = new int[columns.FieldCount];
        Array.Fill(_indexes, -1);
        _sources = new string?[columns.FieldCount];
    }

    public ColumnSet Columns { get; }

    /// <summary>The highest column index a row must reach for every mapped field.</summary>
    public int MaxIndex => _indexes.Max();

    /// <summary>Columns that name no field, when the set keeps them (else empty).</summary>
    public IReadOnlyList<(int Index, string Name)> Others => _others;

    public int IndexOf(int field) => _indexes[field];

    public string? SourceOf(int field) => _sources[field];

    /// <summary>Maps header names to fields (aliases, case-insensitive; the canonical name beats an alias).
    /// Throws <see cref="EventFileRejectedException"/> when a required field is missing.</summary>
    public static ColumnMap Resolve(ColumnSet columns, IReadOnlyList<string> names, string where)
    {
        var map = new ColumnMap(columns);
        var priorities = new int[columns.FieldCount];
        Array.Fill(priorities, int.MaxValue);
        var named = new bool[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            if (columns.TryResolve(names[i], out var field, out var priority, out _))
            {
                named[i] = true;
                if (priority < priorities[field])
                {
                    priorities[field] = priority;
                    map._indexes[field] = i;
                    map._sources[field] = names[i].Trim();
                }
            }
        }

        foreach (var field in columns.Required)
        {
            if (map._indexes[field] < 0)
            {
                throw new EventFileRejectedException(columns.MissingRequiredReason(where, names));
            }
        }

        if (columns.KeepsOtherColumns)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (!named[i] && names[i].Trim() is { Length: > 0 } name)
                {
                    map._others.Add((i, name));
                }
            }
        }

        return map;
    }

    /// <summary>The reason for a row too short to reach every mapped column.</summary>
    public string MissingColumnsReason(int columnCount)
    {
        var missing = Enumerable.Range(0, Columns.FieldCount)
            .Where(f => _indexes[f] >= columnCount)
            .Select(f => $"{Columns.Name(f)} (column '{_sources[f]}')");
        return $"{string.Join(", ", missing)} missing: the row has {columnCount} columns, the header {MaxIndex + 1} or more";
    }
}
