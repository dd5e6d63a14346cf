namespace Tailor.Events.Reading;

/// <summary>
/// The fields one kind of file carries (events, catalog items): their canonical names, the aliases a file may
/// use instead (case-insensitive; a lower priority number wins when a file has several aliases of one field),
/// which fields a file must have, and whether columns that name no field are kept as further cells (the
/// catalog's numeric attributes) or ignored. The readers map a header or a JSON object onto a set's field
/// numbers; validators read the cells by those numbers.
/// </summary>
internal sealed class ColumnSet
{
    private readonly string[] _canonical;
    private readonly Dictionary<string, (int Field, int Priority)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _required;
    private readonly string _requiredHint;

    /// <param name="kind">What the files hold, for reasons ("event", "catalog").</param>
    /// <param name="canonical">Field names by field number, used in every reason.</param>
    /// <param name="aliases">Every accepted name (the canonical ones included) with its field and priority.</param>
    /// <param name="required">Fields a file must have, else it is rejected.</param>
    /// <param name="requiredHint">What a file lacking a required field is told, e.g. "a user column (user_id, user, userId) and ...".</param>
    /// <param name="keepsOtherColumns">Columns naming no field become further cells (<see cref="IRowCells.OtherCount"/>).</param>
    /// <param name="maxFieldChars">Longest cell read from JSON Lines and Parquet (longer JSON values reject the row).</param>
    /// <param name="acceptsBooleans">JSON booleans are read as text (a catalog's <c>available</c>).</param>
    public ColumnSet(
        string kind, string[] canonical, IEnumerable<(string Alias, int Field, int Priority)> aliases, int[] required,
        string requiredHint, bool keepsOtherColumns = false, int maxFieldChars = 1024, bool acceptsBooleans = false)
    {
        Kind = kind;
        _canonical = canonical;
        var table = new Dictionary<string, (int Field, int Priority)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, field, priority) in aliases)
        {
            table[alias] = (field, priority);
        }

        _lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        _required = required;
        _requiredHint = requiredHint;
        KeepsOtherColumns = keepsOtherColumns;
        MaxFieldChars = maxFieldChars;
        AcceptsBooleans = acceptsBooleans;
    }

    /// <summary>What the files hold, for reasons ("event", "catalog").</summary>
    public string Kind { get; }

    public int FieldCount => _canonical.Length;

    public bool KeepsOtherColumns { get; }

    public int MaxFieldChars { get; }

    /// <summary>JSON booleans read as the text <c>true</c> or <c>false</c> (else a boolean rejects the row).</summary>
    public bool AcceptsBooleans { get; }

    public IReadOnlyList<int> Required => _required;

    /// <summary>The canonical name of a field, used in every reason.</summary>
    public string Name(int field) => _canonical[field];

    /// <summary>Resolves a column or property name (surrounding spaces ignored) to a field, giving the alias as
    /// this set spells it (a shared string, for names read per row).</summary>
    public bool TryResolve(ReadOnlySpan<char> name, out int field, out int priority, out string alias)
    {
        if (_lookup.TryGetValue(name.Trim(), out alias!, out var entry))
        {
            (field, priority) = entry;
            return true;
        }

        field = -1;
        priority = int.MaxValue;
        alias = "";
        return false;
    }

    /// <summary>The reason for a file whose header (<paramref name="where"/>) lacks a required field.</summary>
    public string MissingRequiredReason(string where, IReadOnlyList<string> names)
    {
        var shown = string.Join(", ", names.Take(20).Select(n => $"'{PrintableText.Escape(n, 40)}'"));
        return $"No recognisable {Kind} columns in the {where}: {_requiredHint} required; found {(names.Count == 0 ? "none" : shown)}.";
    }
}
