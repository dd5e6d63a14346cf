using BenchmarkDotNet.Attributes;
using Tailor.Interactions;
using Tailor.Training.Ials;

namespace Tailor.Benchmarks;

/// <summary>One iALS epoch (a Fit with Epochs = 1, including the transpose) with 64 factors on synthetic data.
/// The 20M-interaction epoch is too heavy for BenchmarkDotNet's repetitions: run <c>-- ials20m</c> instead.</summary>
[MemoryDiagnoser]
public class IalsBenchmarks
{
    private InteractionMatrix _train = null!;

    [Params(100_000, 1_000_000)]
    public int Interactions { get; set; }

    [Params(IalsSolver.ConjugateGradient, IalsSolver.Cholesky)]
    public IalsSolver Solver { get; set; }

    [GlobalSetup]
    public void Setup() => _train = SyntheticInteractions.OfSize(Interactions);

    [Benchmark]
    public IalsRecommender One_epoch_64_factors() =>
        new IalsTrainer(new IalsOptions(Factors: 64, Epochs: 1, Solver: Solver)).FitFactors(_train);
}
