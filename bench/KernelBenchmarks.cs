using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Tailor.Numerics;
using Tailor.Tests.Numerics;

namespace Tailor.Benchmarks;

/// <summary>SIMD kernels against the tests' naive references (plain double-precision loops, which allocate their
/// result), at the sizes iALS uses (64 factors, 30k items).</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Dim = 64;
    private const int Items = 30_000;
    private const int GramRows = 4_096;

    private float[] _itemFactors = [];
    private float[] _user = [];
    private float[] _scores = [];
    private float[] _gram = [];
    private float[] _spd = [];
    private double[] _spdAsDouble = [];
    private float[] _a = [];
    private float[] _b = [];
    private float[] _rhs = [];
    private double[] _rhsAsDouble = [];
    private int[] _gatherIndices = [];
    private float[] _gatherWeights = [];
    private float[] _acc = [];
    private int[] _top = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _itemFactors = Fill(random, Items * Dim);
        _user = Fill(random, Dim);
        _scores = new float[Items];
        _gram = new float[Dim * Dim];
        _top = new int[10];

        // A positive-definite system like one iALS row: YᵀY + λI.
        _spd = new float[Dim * Dim];
        DenseKernels.Gram(_itemFactors.AsSpan(0, 1_000 * Dim), 1_000, Dim, _spd);
        for (var d = 0; d < Dim; d++)
        {
            _spd[(d * Dim) + d] += 0.05f;
        }

        _a = new float[Dim * Dim];
        _b = new float[Dim];
        _rhs = Fill(random, Dim);
        _spdAsDouble = Array.ConvertAll(_spd, v => (double)v);
        _rhsAsDouble = Array.ConvertAll(_rhs, v => (double)v);
        DenseKernels.ScoreAll(_itemFactors, Items, Dim, _user, _scores);

        // One heavy iALS row: 1,000 interactions spread over the 30k item factors.
        _gatherIndices = new int[1_000];
        _gatherWeights = new float[1_000];
        for (var n = 0; n < _gatherIndices.Length; n++)
        {
            _gatherIndices[n] = random.Next(Items);
            _gatherWeights[n] = 1f + random.Next(10);
        }

        _acc = new float[Dim];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("score")]
    public double[] ScoreAll_naive() => NaiveLinearAlgebra.MatVec(_itemFactors, Items, Dim, _user);

    [Benchmark]
    [BenchmarkCategory("score")]
    public void ScoreAll_dot_per_item()
    {
        for (var i = 0; i < Items; i++)
        {
            _scores[i] = TensorPrimitives.Dot(_itemFactors.AsSpan(i * Dim, Dim), _user);
        }
    }

    [Benchmark]
    [BenchmarkCategory("score")]
    public void ScoreAll_blocked() => DenseKernels.ScoreAll(_itemFactors, Items, Dim, _user, _scores);

    [Benchmark]
    [BenchmarkCategory("score")]
    public int Top10_of_30k_items()
    {
        DenseKernels.ScoreAll(_itemFactors, Items, Dim, _user, _scores);
        return TopK.Select(_scores, _top);
    }

    [Benchmark]
    [BenchmarkCategory("sparse")]
    public double[] AddProjections_1000_rows_naive() =>
        NaiveLinearAlgebra.AddProjections(_itemFactors, Dim, _gatherIndices, _gatherWeights, _user, _acc, (w, dot) => w * dot);

    [Benchmark]
    [BenchmarkCategory("sparse")]
    public void AddProjections_1000_rows_tensor_primitives_per_row()
    {
        for (var n = 0; n < _gatherIndices.Length; n++)
        {
            var y = _itemFactors.AsSpan(_gatherIndices[n] * Dim, Dim);
            TensorPrimitives.MultiplyAdd(y, _gatherWeights[n] * TensorPrimitives.Dot(y, _user), _acc, _acc);
        }
    }

    [Benchmark]
    [BenchmarkCategory("sparse")]
    public void AddProjections_1000_rows_fused() => SparseKernels.AddProjections(_itemFactors, Dim, _gatherIndices, _gatherWeights, _user, _acc);

    [Benchmark]
    [BenchmarkCategory("topk")]
    public int[] TopK_full_sort() => NaiveLinearAlgebra.TopBySort(_scores, _top.Length);

    [Benchmark]
    [BenchmarkCategory("topk")]
    public int TopK_select() => TopK.Select(_scores, _top);

    [Benchmark]
    [BenchmarkCategory("gram")]
    public double[] Gram_naive() => NaiveLinearAlgebra.Gram(_itemFactors, GramRows, Dim);

    [Benchmark]
    [BenchmarkCategory("gram")]
    public void Gram_simd() => DenseKernels.Gram(_itemFactors.AsSpan(0, GramRows * Dim), GramRows, Dim, _gram);

    [Benchmark]
    [BenchmarkCategory("solve")]
    public double[] Solve64_gaussian_naive() => NaiveLinearAlgebra.Solve(_spdAsDouble, _rhsAsDouble, Dim);

    [Benchmark]
    [BenchmarkCategory("solve")]
    public bool Solve64_cholesky()
    {
        _spd.CopyTo(_a, 0);
        _rhs.CopyTo(_b, 0);
        return Cholesky.Solve(_a, _b, Dim);
    }

    private static float[] Fill(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }
}
