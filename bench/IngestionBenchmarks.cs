using BenchmarkDotNet.Attributes;
using Tailor.Cli.Synthetic;
using Tailor.Events;
using Tailor.Events.Reading;
using Tailor.Ingestion;

namespace Tailor.Benchmarks;

/// <summary>Ingesting a generated events CSV in memory (no storage), one thread: the reader alone, the whole batch
/// parse (dedupe, Parquet and quarantine scratch files), and the whole per-file path (content hash, then the parse).
/// The rows are the first of the <c>shop-20m</c> preset (user after user, as its blobs hold them).</summary>
[MemoryDiagnoser]
public class IngestionBenchmarks
{
    private static readonly DateTimeOffset s_now = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly EventOptions _options = new();
    private readonly UserIdPseudonymizer _pseudonyms = UserIdPseudonymizer.WithKey(Convert.ToBase64String(new byte[32]));
    private byte[] _csv = [];

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _csv = Csv(Rows);

    /// <summary>The first <paramref name="rows"/> events of the <c>shop-20m</c> preset as an events CSV.</summary>
    public static byte[] Csv(int rows)
    {
        using var memory = new MemoryStream();
        SyntheticCsv.WriteEventsAsync(new PresetEventGenerator(DatasetPreset.Shop20M).Generate().Take(rows), memory, default)
            .GetAwaiter().GetResult();
        return memory.ToArray();
    }

    [Benchmark]
    public Task<long> ParseAndValidateCsv() => ValidateAsync(UserIdPseudonymizer.Off);

    /// <summary>The same with user ids pseudonymized (one HMAC-SHA256 per distinct user of the file).</summary>
    [Benchmark]
    public Task<long> ParseAndValidateCsvPseudonymized() => ValidateAsync(_pseudonyms);

    private async Task<long> ValidateAsync(UserIdPseudonymizer users)
    {
        var validator = new EventRowValidator(_options, s_now, users);
        var format = new EventFileFormat(EventFileLayout.Csv, Gzip: false);
        await using var reader = await EventRowReader.OpenAsync(new MemoryStream(_csv, writable: false), format, validator, _options, default);
        var chunk = new EventRowChunk();
        long accepted = 0;
        while (await reader.ReadAsync(chunk, default))
        {
            accepted += chunk.Accepted.Count;
        }

        return accepted;
    }

    [Benchmark]
    public async Task<long> ParseBatchToParquet()
    {
        var format = new EventFileFormat(EventFileLayout.Csv, Gzip: false);
        var parsed = await EventBatchParser.ParseAsync(new MemoryStream(_csv, writable: false), format, _options, s_now, default);
        await using (parsed)
        {
            return parsed.Accepted;
        }
    }

    /// <summary>The whole per-file path of <see cref="BatchIngestor"/> without storage: the content hash, then the parse.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> HashAndParseBatchToParquet()
    {
        var (hash, _) = await ContentHash.ComputeAsync(new MemoryStream(_csv, writable: false), default);
        return hash.Length + await ParseBatchToParquet();
    }
}
