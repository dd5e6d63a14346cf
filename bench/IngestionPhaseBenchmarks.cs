using BenchmarkDotNet.Attributes;
using Parquet;
using Tailor.Events;
using Tailor.Events.Reading;
using Tailor.Ingestion;

namespace Tailor.Benchmarks;

/// <summary>The phases of <see cref="IngestionBenchmarks"/>'s per-file path measured apart, on the same 1M rows:
/// the content hash, the in-file dedupe, the Parquet writer (events validated beforehand) and the user index built
/// by reading the written file back.</summary>
[MemoryDiagnoser]
public class IngestionPhaseBenchmarks
{
    private static readonly DateTimeOffset s_now = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private byte[] _csv = [];
    private InteractionEvent[] _events = [];
    private byte[] _parquet = [];

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _csv = IngestionBenchmarks.Csv(Rows);
        var options = new EventOptions();
        var validator = new EventRowValidator(options, s_now);
        var events = new List<InteractionEvent>(Rows);
        var reader = EventRowReader.OpenAsync(new MemoryStream(_csv, writable: false), new EventFileFormat(EventFileLayout.Csv, Gzip: false), validator, options, default)
            .AsTask().GetAwaiter().GetResult();
        var chunk = new EventRowChunk();
        while (reader.ReadAsync(chunk, default).AsTask().GetAwaiter().GetResult())
        {
            events.AddRange(chunk.Accepted);
        }

        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _events = [.. events];
        using var parquet = new MemoryStream();
        WriteParquet(parquet).GetAwaiter().GetResult();
        _parquet = parquet.ToArray();
    }

    /// <summary>The batch's user index (for erasure) built by reading its processed Parquet file back, as erasure
    /// does for a batch stored without one. Ingestion used to do this after every write; it now takes the distinct
    /// users from the writer.</summary>
    [Benchmark]
    public async Task<int> BuildUserIndex()
    {
        var index = await Tailor.Privacy.BatchUserIndexes.BuildAsync(new MemoryStream(_parquet, writable: false), default);
        return index.ToBytes().Length;
    }

    [Benchmark]
    public async Task<int> ContentHash()
    {
        var (hash, _) = await Ingestion.ContentHash.ComputeAsync(new MemoryStream(_csv, writable: false), default);
        return hash.Length;
    }

    /// <summary>The dedupe as the parser runs it: sized from the file's length, a chunk of rows at a time.</summary>
    [Benchmark]
    public int Dedupe()
    {
        var dedup = new BatchDeduplicator(_csv.Length / 40);
        var first = new bool[EventRowChunk.DefaultCapacity];
        var count = 0;
        for (var start = 0; start < _events.Length; start += first.Length)
        {
            var chunk = _events.AsSpan(start, Math.Min(first.Length, _events.Length - start));
            dedup.AddRange(chunk, first);
            foreach (var seen in first.AsSpan(0, chunk.Length))
            {
                count += seen ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>The dedupe as it was before it took chunks: row by row into a set that grows from small.</summary>
    [Benchmark]
    public int DedupeRowByRow()
    {
        var dedup = new BatchDeduplicator();
        var first = 0;
        foreach (var evt in _events)
        {
            first += dedup.Add(evt) ? 1 : 0;
        }

        return first;
    }

    /// <summary>The dedupe as it was: a set of (user, item, type, ticks) keys holding the id strings.</summary>
    [Benchmark]
    public int DedupeByStringKeys()
    {
        var seen = new HashSet<(string, string, string, long)>();
        var first = 0;
        foreach (var evt in _events)
        {
            first += seen.Add((evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks)) ? 1 : 0;
        }

        return first;
    }

    [Benchmark]
    public async Task<long> WriteParquet()
    {
        using var stream = new MemoryStream();
        return await WriteParquet(stream);
    }

    private async Task<long> WriteParquet(MemoryStream stream)
    {
        var writer = new ProcessedEventWriter(stream);
        foreach (var evt in _events)
        {
            await writer.AddAsync(evt, default);
        }

        await writer.CompleteAsync(default);

        return stream.Length;
    }

    /// <summary>The Parquet write as it was: Parquet.Net's row-group API over string, nullable and date columns.</summary>
    [Benchmark]
    public async Task<long> WriteParquetWithParquetNet()
    {
        using var stream = new MemoryStream();
        var writer = await ParquetWriter.CreateAsync(ProcessedEventSchema.Schema, stream);
        await using (writer)
        {
            for (var start = 0; start < _events.Length; start += ProcessedEventSchema.RowGroupSize)
            {
                var rows = _events.AsSpan(start, Math.Min(ProcessedEventSchema.RowGroupSize, _events.Length - start)).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(ProcessedEventSchema.UserId, Array.ConvertAll(rows, e => e.UserId));
                await group.WriteAsync(ProcessedEventSchema.ItemId, Array.ConvertAll(rows, e => e.ItemId));
                await group.WriteAsync(ProcessedEventSchema.EventType, Array.ConvertAll(rows, e => e.EventType));
                await group.WriteAsync<double>(ProcessedEventSchema.Value, (ReadOnlyMemory<double?>)Array.ConvertAll(rows, e => e.Value));
                await group.WriteAsync<float>(ProcessedEventSchema.Weight, (ReadOnlyMemory<float>)Array.ConvertAll(rows, e => e.Weight));
                await group.WriteAsync<DateTime>(ProcessedEventSchema.Timestamp, (ReadOnlyMemory<DateTime>)Array.ConvertAll(rows, e => e.Timestamp.UtcDateTime));
                await group.WriteAsync(ProcessedEventSchema.RecommendationId, Array.ConvertAll(rows, e => e.RecommendationId));
            }
        }

        return stream.Length;
    }
}
