using Azure;
using BenchmarkDotNet.Attributes;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Training.Ials;

namespace Tailor.Benchmarks;

/// <summary>Loading the serving model of the 20M-event shop: a 140,000-user × 27,000-item, 64-factor iALS
/// artifact with its 20M-interaction history, read from a local file (the page cache stands in for the blob
/// download) and turned into the <see cref="LoadedModel"/> serving swaps in. The goal is ≤ 300 ms.</summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    private const int Users = 140_000;
    private const int Items = 27_000;
    private const int Factors = 64;

    private string _path = null!;

    /// <summary>The current format (XXH128 trailer) against the first one (SHA-256), same content.</summary>
    [Params("v2-xxh128", "v1-sha256")]
    public string Format { get; set; } = "v2-xxh128";

    [GlobalSetup]
    public void Setup()
    {
        var history = SyntheticInteractions.Build(Users, Items, interactions: 20_000_000, seed: 42);
        var random = new Random(7);
        var userFactors = new float[Users * Factors];
        var itemFactors = new float[Items * Factors];
        for (var i = 0; i < userFactors.Length; i++)
        {
            userFactors[i] = (float)(random.NextDouble() - 0.5);
        }

        for (var i = 0; i < itemFactors.Length; i++)
        {
            itemFactors[i] = (float)(random.NextDouble() - 0.5);
        }

        var model = new IalsRecommender(new IalsOptions(Factors: Factors), Users, Items, userFactors, itemFactors);
        var popularity = new float[Items];
        for (var i = 0; i < Items; i++)
        {
            popularity[i] = history.ItemCount - i;
        }

        var userIds = Enumerable.Range(0, Users).Select(u => $"customer-{u:D7}").ToArray();
        var itemIds = Enumerable.Range(0, Items).Select(i => $"sku-{i:D6}").ToArray();
        var artifact = new ModelArtifact(userIds, itemIds, history, popularity, model);

        _path = Path.Combine(Path.GetTempPath(), $"tailor-load-{Guid.NewGuid():N}.bin");
        using (var file = File.Create(_path))
        {
            artifact.WriteAsync(file).GetAwaiter().GetResult();
        }

        if (Format == "v1-sha256")
        {
            // Version 1 is the same layout without the (here empty) trending count, with a SHA-256 trailer.
            var bytes = File.ReadAllBytes(_path);
            var payloadLength = (int)BitConverter.ToInt64(bytes, bytes.Length - 16 - 8);
            var countAt = bytes.Length - 16 - 8 - payloadLength - 4;
            byte[] body = [.. bytes.AsSpan(0, countAt), .. bytes.AsSpan(countAt + 4, bytes.Length - 16 - countAt - 4)];
            BitConverter.TryWriteBytes(body.AsSpan(4, 4), ModelArtifact.FirstFormatVersion);
            File.WriteAllBytes(_path, [.. body, .. System.Security.Cryptography.SHA256.HashData(body)]);
        }

        Console.WriteLine($"// artifact: {new FileInfo(_path).Length / 1e6:F1} MB, {history.NonZeroCount:N0} interactions");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Description = "read artifact (140k × 27k × 64, 20M history)")]
    public async Task<ModelArtifact> ReadArtifact()
    {
        await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return await ModelArtifact.ReadAsync(file);
    }

    [Benchmark(Description = "read artifact + build LoadedModel")]
    public async Task<LoadedModel> LoadModel()
    {
        var artifact = await ReadArtifact();
        return new LoadedModel(new CurrentModel("bench", DateTimeOffset.UnixEpoch, "bench"), new ETag("\"1\""), artifact, null, null);
    }
}
