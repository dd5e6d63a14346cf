using BenchmarkDotNet.Attributes;
using Tailor.Interactions;
using Tailor.Training;
using Tailor.Training.Ease;

namespace Tailor.Benchmarks;

/// <summary>One EASE fit (Gram matrix, blocked in-place inverse, B = I − P·diag(1/diag P)) on synthetic
/// data; the cost is dominated by the items³ inverse.</summary>
[MemoryDiagnoser]
public class EaseBenchmarks
{
    private InteractionMatrix _train = null!;

    [Params(1_000, 3_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup() => _train = SyntheticInteractions.Build(users: Items * 4, items: Items, interactions: Items * 100L, seed: 42);

    [Benchmark]
    public IRecommender Fit() => new EaseTrainer(new EaseOptions(Lambda: 300f)).Fit(_train);
}
