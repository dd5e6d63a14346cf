using System.Diagnostics;
using System.Globalization;

namespace Tailor.Benchmarks;

/// <summary><c>segments140k</c>: one timed pass of the profiles build, the KMeans k search and the whole segmentation (without and with users' latent factors) at
/// the <see cref="ProfileBenchmarks"/> scale (140k users, ~10M interactions) — a quick figure for notes, where a full
/// BenchmarkDotNet run would take many minutes.</summary>
internal static class SegmentTimer
{
    public static void Run()
    {
        var bench = new ProfileBenchmarks { Users = 140_000 };
        var watch = Stopwatch.StartNew();
        bench.Setup();
        Report("setup (synthetic data, one build, features)", watch);
        bench.Build();
        Report("profiles build", watch);
        var k = bench.KMeans();
        Report($"KMeans k search 2..12 on 50k sample + assign 140k (chose k={k})", watch);
        var segments = bench.Segment();
        Report($"segmentation end to end (features, KMeans, descriptions; k={segments?.K})", watch);
        bench.PrepareFactors();
        Report("implicit ALS, 64 factors, 2 epochs (for the factors only)", watch);
        var withFactors = bench.SegmentWithFactors();
        Report($"segmentation with 8 factor directions end to end (k={withFactors?.K})", watch);
    }

    private static void Report(string what, Stopwatch watch)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {watch.Elapsed.TotalSeconds:F2} s"));
        watch.Restart();
    }
}
