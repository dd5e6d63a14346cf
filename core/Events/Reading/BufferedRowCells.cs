namespace Tailor.Events.Reading;

/// <summary>Cells copied into reusable buffers, one per field and one per other column, for readers whose
/// values do not live in a text row (JSON Lines, Parquet). <see cref="Clear"/> empties them between rows.</summary>
internal sealed class BufferedRowCells : IRowCells
{
    private readonly char[][] _text;
    private readonly int[] _lengths;
    private readonly string?[] _sources;
    private readonly List<string> _otherNames = [];
    private readonly List<char[]> _otherText = [];
    private readonly List<int> _otherLengths = [];
    private int _others;

    public BufferedRowCells(ColumnSet columns)
    {
        Columns = columns;
        _text = [.. Enumerable.Range(0, columns.FieldCount).Select(_ => new char[columns.MaxFieldChars])];
        _lengths = new int[columns.FieldCount];
        _sources = new string?[columns.FieldCount];
    }

    public ColumnSet Columns { get; }

    public int OtherCount => _others;

    /// <summary>Forgets every cell and source (for a row whose properties vary: JSON Lines).</summary>
    public void Clear()
    {
        Array.Clear(_lengths);
        Array.Clear(_sources);
        _others = 0;
    }

    /// <summary>Forgets the other cells only (sources stay: Parquet's columns are the same on every row).</summary>
    public void ClearOthers() => _others = 0;

    /// <summary>Names the column a field comes from (null: absent).</summary>
    public void SetSource(int field, string? source) => _sources[field] = source;

    /// <summary>The field's buffer, <see cref="ColumnSet.MaxFieldChars"/> long; record what was written with <see cref="SetLength"/>.</summary>
    public Span<char> Buffer(int field) => _text[field];

    public void SetLength(int field, int length) => _lengths[field] = length;

    /// <summary>Adds an other cell for this row and returns its buffer; record what was written with <see cref="SetOtherLength"/>.</summary>
    public Span<char> AddOther(string name)
    {
        if (_others == _otherNames.Count)
        {
            _otherNames.Add(name);
            _otherText.Add(new char[Columns.MaxFieldChars]);
            _otherLengths.Add(0);
        }

        _otherNames[_others] = name;
        _otherLengths[_others] = 0;
        return _otherText[_others++];
    }

    public void SetOtherLength(int length) => _otherLengths[_others - 1] = length;

    public ReadOnlySpan<char> Text(int field) => _text[field].AsSpan(0, _lengths[field]);

    public string? Source(int field) => _sources[field];

    public string OtherName(int index) => _otherNames[index];

    public ReadOnlySpan<char> OtherText(int index) => _otherText[index].AsSpan(0, _otherLengths[index]);
}
