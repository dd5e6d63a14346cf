using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Storage;

namespace Tailor.Benchmarks;

/// <summary>The impressions path: handing a served list to the buffer (what a request pays), and one flush of a
/// batch of impressions appended to storage (what the background flusher pays). The storage benchmark needs a
/// storage account: <c>Tailor__Storage__ConnectionString</c> (default: the local emulator).</summary>
[MemoryDiagnoser]
public class ImpressionBenchmarks
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private Impression[] _impressions = [];
    private ImpressionBuffer _buffer = null!;
    private ImpressionStore? _store;

    [Params(10_000)]
    public int Impressions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _impressions = new Impression[Impressions];
        for (var i = 0; i < Impressions; i++)
        {
            var items = new string[10];
            for (var p = 0; p < items.Length; p++)
            {
                items[p] = $"item-{(i * 7) + p}";
            }

            _impressions[i] = new Impression(Guid.CreateVersion7().ToString("N"), $"user-{i % 5000}", items, "20261201-120000-abcdef",
                "personalized", Variants.Champion, "recommendations/{userId}", s_now.AddMilliseconds(i));
        }

        _buffer = new ImpressionBuffer(Options.Create(new FeedbackOptions { BufferCapacity = Impressions * 2 }));
        var connection = Environment.GetEnvironmentVariable("Tailor__Storage__ConnectionString") ?? "UseDevelopmentStorage=true";
        var storage = TailorStorage.FromConnectionString(connection, new StorageOptions().WithSuffix("bench" + Guid.NewGuid().ToString("N")[..8]));
        storage.Impressions.CreateIfNotExists();
        _store = new ImpressionStore(storage);
    }

    /// <summary>Recording every impression of the batch into the buffer, then draining it (the request side).</summary>
    [Benchmark(Baseline = true)]
    public int RecordIntoBuffer()
    {
        foreach (var impression in _impressions)
        {
            _buffer.Record(impression);
        }

        return _buffer.Drain(int.MaxValue).Count;
    }

    /// <summary>One flush of the whole batch: JSON Lines appended to its hour's append blob.</summary>
    [Benchmark]
    public Task AppendToStorage() => _store!.AppendAsync(_impressions);
}
