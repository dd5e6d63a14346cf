using BenchmarkDotNet.Attributes;
using Tailor.Cli.Synthetic;
using Tailor.Events;
using Tailor.Events.Reading;
using Tailor.Ingestion;

namespace Tailor.Benchmarks;

/// <summary>Parsing and validating a generated events CSV in memory (no storage): the reader alone, and the
/// whole batch parse (dedup, Parquet and quarantine scratch files).</summary>
[MemoryDiagnoser]
public class IngestionBenchmarks
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly EventOptions _options = new();
    private byte[] _csv = [];

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var memory = new MemoryStream();
        new SyntheticEventGenerator(new GeneratorOptions(Users: 20_000, Items: 5_000, Events: Rows))
            .WriteEventsAsync(memory).GetAwaiter().GetResult();
        _csv = memory.ToArray();
    }

    private readonly UserIdPseudonymizer _pseudonyms = UserIdPseudonymizer.WithKey(Convert.ToBase64String(new byte[32]));

    [Benchmark(Baseline = true)]
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
}
