using Parquet;
using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Writes accepted events to a Parquet file, row group by row group, keeping one row group in memory.</summary>
internal sealed class ProcessedEventWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly int _rowGroupSize;
    private readonly string[] _users;
    private readonly string[] _items;
    private readonly string[] _types;
    private readonly double?[] _values;
    private readonly float[] _weights;
    private readonly DateTime[] _timestamps;
    private readonly string?[] _recommendations;
    private ParquetWriter? _writer;
    private int _count;

    public ProcessedEventWriter(Stream stream, int rowGroupSize = ProcessedEventSchema.RowGroupSize)
    {
        _stream = stream;
        _rowGroupSize = rowGroupSize;
        _users = new string[rowGroupSize];
        _items = new string[rowGroupSize];
        _types = new string[rowGroupSize];
        _values = new double?[rowGroupSize];
        _weights = new float[rowGroupSize];
        _timestamps = new DateTime[rowGroupSize];
        _recommendations = new string?[rowGroupSize];
    }

    public long Written { get; private set; }

    public async ValueTask AddAsync(InteractionEvent evt, CancellationToken cancellationToken)
    {
        _users[_count] = evt.UserId;
        _items[_count] = evt.ItemId;
        _types[_count] = evt.EventType;
        _values[_count] = evt.Value;
        _weights[_count] = evt.Weight;
        _timestamps[_count] = evt.Timestamp.UtcDateTime;
        _recommendations[_count] = evt.RecommendationId;
        _count++;
        Written++;
        if (_count == _rowGroupSize)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the last row group and the footer.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_count > 0 || _writer is null)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }

        await _writer!.DisposeAsync().ConfigureAwait(false);
        _writer = null;
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(ProcessedEventSchema.Schema, _stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        using (var group = _writer.CreateRowGroup())
        {
            var n = _count;
            await group.WriteAsync(ProcessedEventSchema.UserId, new ArraySegment<string>(_users, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(ProcessedEventSchema.ItemId, new ArraySegment<string>(_items, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(ProcessedEventSchema.EventType, new ArraySegment<string>(_types, 0, n)).ConfigureAwait(false);
            await group.WriteAsync<double>(ProcessedEventSchema.Value, (ReadOnlyMemory<double?>)_values.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<float>(ProcessedEventSchema.Weight, (ReadOnlyMemory<float>)_weights.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(ProcessedEventSchema.Timestamp, (ReadOnlyMemory<DateTime>)_timestamps.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(ProcessedEventSchema.RecommendationId, new ArraySegment<string?>(_recommendations, 0, n)).ConfigureAwait(false);
        }

        Array.Clear(_users, 0, _count);
        Array.Clear(_items, 0, _count);
        Array.Clear(_recommendations, 0, _count);
        _count = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
