using Azure;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Tailor.Models;
using Tailor.Privacy;
using Tailor.Serving;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;

namespace Tailor.Benchmarks;

/// <summary>One request through <see cref="RecommendationService"/> on a 10,000-item iALS model: the plain top 10
/// against the same page filtered (category, 50 excluded ids, offset) and explained, and that with diversity.
/// The bar: a filtered, explained request's tail latency within 1.5× the plain one's.</summary>
[MemoryDiagnoser]
[Config(typeof(TailColumns))]
public class ServingRequestBenchmarks
{
    private const int Users = 20_000;
    private const int Items = 10_000;

    private RecommendationService _service = null!;
    private RecommendationRequest _plain = null!;
    private RecommendationRequest _filtered = null!;
    private RecommendationRequest _diverse = null!;
    private string[] _userIds = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var history = SyntheticInteractions.Build(users: Users, items: Items, interactions: Users * 30L, seed: 42);
        var model = new IalsTrainer(new IalsOptions(Factors: 64, Epochs: 2)).Fit(history);
        var popularity = ((PopularityRecommender)new PopularityTrainer().Fit(history)).Popularity.ToArray();
        _userIds = [.. Enumerable.Range(0, Users).Select(u => $"user-{u}")];
        var itemIds = Enumerable.Range(0, Items).Select(i => $"item-{i}").ToArray();
        var artifact = new ModelArtifact(_userIds, itemIds, history, popularity, model);
        var loaded = new LoadedModel(new CurrentModel("bench", DateTimeOffset.UnixEpoch, "bench"), new ETag("\"1\""), artifact, null, null);

        string[] categories = ["Drama", "Comedy", "News", "Sport", "Kids"];
        var catalog = itemIds.Select((id, i) => (id, new CatalogItem([categories[i % categories.Length]], Available: i % 17 != 0)))
            .ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal);
        _service = new RecommendationService(new FixedModelSource(loaded), new NobodyForgotten(), new FixedItemCatalog(new ItemCatalogView(catalog)));

        _plain = RecommendationRequest.Top(10);
        _filtered = new RecommendationRequest
        {
            Count = 10,
            Offset = 10,
            Categories = ["Drama", "Comedy"],
            Exclude = [.. Enumerable.Range(0, 50).Select(i => itemIds[i * 7])],
            Explain = true,
        };
        _diverse = _filtered with { Diversity = 0.3f };
    }

    /// <summary>Per-request latency percentiles of plain and filtered + explained requests, interleaved one by one so
    /// machine load falls on both alike (<c>dotnet run -c Release --project bench -- serving-p99 [requests]</c>).</summary>
    public static void RunLatency(string[] args)
    {
        var requests = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var bench = new ServingRequestBenchmarks();
        bench.Setup();
        var plain = new double[requests];
        var filtered = new double[requests];
        for (var warm = 0; warm < 2_000; warm++)
        {
            _ = bench.Plain().GetAwaiter().GetResult() + bench.FilteredExplained().GetAwaiter().GetResult();
        }

        for (var r = 0; r < requests; r++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = bench.Plain().GetAwaiter().GetResult();
            plain[r] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            start = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = bench.FilteredExplained().GetAwaiter().GetResult();
            filtered[r] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(plain);
        Array.Sort(filtered);
        double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine(FormattableString.Invariant($"{requests} requests each, interleaved"));
        Console.WriteLine(FormattableString.Invariant($"plain               p50 {At(plain, 0.5),8:F1} us  p99 {At(plain, 0.99),8:F1} us"));
        Console.WriteLine(FormattableString.Invariant($"filtered+explained  p50 {At(filtered, 0.5),8:F1} us  p99 {At(filtered, 0.99),8:F1} us"));
        Console.WriteLine(FormattableString.Invariant($"ratio               p50 {At(filtered, 0.5) / At(plain, 0.5),8:F2}     p99 {At(filtered, 0.99) / At(plain, 0.99),8:F2}"));
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Plain() => (await _service.GetForUserAsync(NextUser(), _plain)).Value!.Items.Count;

    [Benchmark]
    public async Task<int> FilteredExplained() => (await _service.GetForUserAsync(NextUser(), _filtered)).Value!.Items.Count;

    [Benchmark]
    public async Task<int> FilteredExplainedDiverse() => (await _service.GetForUserAsync(NextUser(), _diverse)).Value!.Items.Count;

    private string NextUser() => _userIds[_next++ % _userIds.Length];

    private sealed class NobodyForgotten : IForgottenUsers
    {
        public ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
    }

    /// <summary>Adds the 95th and 99th percentiles and the maximum to the default columns.</summary>
    private sealed class TailColumns : ManualConfig
    {
        public TailColumns() => AddColumn(StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
    }

    /// <summary>The 99th percentile of the measured iterations (per operation), in microseconds.</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => nameof(P99Column);

        public string ColumnName => "P99 [us]";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "99th percentile of the iterations' time per operation, in microseconds";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (statistics.Percentiles.Percentile(99) / 1000).ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
                : "NA";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
