using System.Buffers;
using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Writes accepted events as a Parquet file of <see cref="ProcessedEventSchema"/>, row group by row group,
/// keeping one row group in memory. The writer knows this one schema and nothing else: the string columns are
/// dictionary-encoded (the ids are pooled, so a row group's distinct strings are few and already shared), the numbers
/// plain, every page Snappy-compressed, no statistics. Parquet.Net reads what it writes back unchanged.</summary>
internal sealed partial class ProcessedEventWriter
{
    private readonly Stream _stream;
    private readonly int _rowGroupSize;
    private readonly DictionaryStringColumn _users;
    private readonly DictionaryStringColumn _items;
    private readonly DictionaryStringColumn _types;
    private readonly DictionaryStringColumn _recommendations;
    private readonly int[] _valueLevels;
    private readonly double[] _values;
    private readonly float[] _weights;
    private readonly long[] _micros;
    private readonly ArrayBufferWriter<byte> _file = new(1 << 20);
    private readonly List<RowGroupMeta> _rowGroups = [];
    private readonly HashSet<string> _distinctUsers = new(StringComparer.Ordinal);
    private long _flushed;
    private int _count;
    private int _valueCount;

    public ProcessedEventWriter(Stream stream, int rowGroupSize = ProcessedEventSchema.RowGroupSize)
    {
        _stream = stream;
        _rowGroupSize = rowGroupSize;
        _users = new DictionaryStringColumn(rowGroupSize);
        _items = new DictionaryStringColumn(rowGroupSize);
        _types = new DictionaryStringColumn(rowGroupSize);
        _recommendations = new DictionaryStringColumn(rowGroupSize);
        _valueLevels = new int[rowGroupSize];
        _values = new double[rowGroupSize];
        _weights = new float[rowGroupSize];
        _micros = new long[rowGroupSize];
        _levels = new int[rowGroupSize];
        _file.Write(s_magic);
        _header = new ThriftCompactWriter(_file);
    }

    public long Written { get; private set; }

    /// <summary>The distinct user ids of the row groups written so far (all of them once <see cref="CompleteAsync"/>
    /// returns): the batch's user index is built from these, without reading the file back.</summary>
    public IReadOnlyCollection<string> Users => _distinctUsers;

    public ValueTask AddAsync(in InteractionEvent evt, CancellationToken cancellationToken)
    {
        var row = _count;
        _users.Set(row, evt.UserId);
        _items.Set(row, evt.ItemId);
        _types.Set(row, evt.EventType);
        _recommendations.Set(row, evt.RecommendationId);
        if (evt.Value is { } value)
        {
            _valueLevels[row] = 1;
            _values[_valueCount++] = value;
        }
        else
        {
            _valueLevels[row] = 0;
        }

        _weights[row] = evt.Weight;
        _micros[row] = (evt.Timestamp.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        _count++;
        Written++;
        return _count == _rowGroupSize ? FlushRowGroupAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Writes the last row group and the footer.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }

        WriteFooter();
        await WriteOutAsync(cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        var rows = _count;
        var start = Position;
        var columns = new ColumnChunkMeta[s_columns.Length];
        columns[0] = WriteStrings(_users, rows);
        columns[1] = WriteStrings(_items, rows);
        columns[2] = WriteStrings(_types, rows);
        columns[3] = WriteOptionalPlain<double>(_valueLevels.AsSpan(0, rows), _values.AsSpan(0, _valueCount));
        columns[4] = WritePlain<float>(_weights.AsSpan(0, rows));
        columns[5] = WritePlain<long>(_micros.AsSpan(0, rows));
        columns[6] = WriteStrings(_recommendations, rows);
        _rowGroups.Add(new RowGroupMeta(columns, rows, start));
        _distinctUsers.UnionWith(_users.Values);
        _users.Clear();
        _items.Clear();
        _types.Clear();
        _recommendations.Clear();
        _count = 0;
        _valueCount = 0;
        await WriteOutAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The file offset the next byte appended to <see cref="_file"/> will have.</summary>
    private long Position => _flushed + _file.WrittenCount;

    private async ValueTask WriteOutAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_file.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _flushed += _file.WrittenCount;
        _file.ResetWrittenCount();
    }
}
