using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tailor.Ingestion;

/// <summary>One row group's worth of a string column, dictionary-encoded: the distinct strings in order of first
/// appearance and each row's index among them (-1 for a null row). Ids are pooled by the validator, so most rows
/// hit the one-entry cache of the previous row's string or the ordinal lookup without building anything.</summary>
internal sealed class DictionaryStringColumn(int capacity)
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly int[] _rows = new int[capacity];
    private string? _last;
    private int _lastIndex;

    public int DistinctCount => _values.Count;

    /// <summary>The row group's distinct strings, in order of first appearance.</summary>
    public IReadOnlyList<string> Values => _values;

    public int NullCount { get; private set; }

    public void Set(int row, string? value)
    {
        if (value is null)
        {
            _rows[row] = -1;
            NullCount++;
            return;
        }

        if (!ReferenceEquals(value, _last))
        {
            _last = value;
            if (!_indexes.TryGetValue(value, out _lastIndex))
            {
                _lastIndex = _values.Count;
                _indexes.Add(value, _lastIndex);
                _values.Add(value);
            }
        }

        _rows[row] = _lastIndex;
    }

    /// <summary>The rows' indexes (-1 for null), for the writer to encode (and compact) in place.</summary>
    public Span<int> Rows(int count) => _rows.AsSpan(0, count);

    /// <summary>Appends the dictionary page body: each distinct string PLAIN-encoded (little-endian length, UTF-8).</summary>
    public void WriteDictionary(ArrayBufferWriter<byte> output)
    {
        foreach (var value in _values)
        {
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            var span = output.GetSpan(sizeof(int) + length);
            var written = Encoding.UTF8.GetBytes(value, span[sizeof(int)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span, written);
            output.Advance(sizeof(int) + written);
        }
    }

    /// <summary>Forgets the row group's strings and rows, ready for the next one.</summary>
    public void Clear()
    {
        _indexes.Clear();
        _values.Clear();
        _last = null;
        NullCount = 0;
    }
}
