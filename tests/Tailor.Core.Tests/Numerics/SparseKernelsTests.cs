using Tailor.Numerics;

namespace Tailor.Tests.Numerics;

public class SparseKernelsTests
{
    public static TheoryData<int> Lengths => new() { 1, 15, 30, 33, 64, 100 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddProjections_matches_naive_sum(int dim)
    {
        var (rows, indices, weights, v, start) = Inputs(dim, seed: dim);
        var acc = (float[])start.Clone();
        SparseKernels.AddProjections(rows, dim, indices, weights, v, acc);
        AssertClose(NaiveLinearAlgebra.AddProjections(rows, dim, indices, weights, v, start, (w, dot) => w * dot), acc, dim);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddConfidenceResiduals_matches_naive_sum(int dim)
    {
        var (rows, indices, weights, v, start) = Inputs(dim, seed: 500 + dim);
        var acc = (float[])start.Clone();
        SparseKernels.AddConfidenceResiduals(rows, dim, indices, weights, v, acc);
        AssertClose(NaiveLinearAlgebra.AddProjections(rows, dim, indices, weights, v, start, (w, dot) => 1.0 + (w * (1.0 - dot))), acc, dim);
    }

    [Fact]
    public void An_index_outside_the_matrix_is_rejected()
    {
        var rows = new float[12];
        var acc = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.AddProjections(rows, 4, [1, 3], [1f, 1f], new float[4], acc));
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => SparseKernels.AddConfidenceResiduals(rows, 4, [0, 1, -1, 2, 0], [1f, 1f, 1f, 1f, 1f], new float[4], acc));
        Assert.Equal(-1, error.ActualValue);
    }

    private static (float[] Rows, int[] Indices, float[] Weights, float[] V, float[] Start) Inputs(int dim, int seed)
    {
        var random = new Random(seed);
        const int rowCount = 40;
        var rows = NaiveLinearAlgebra.RandomFloats(random, rowCount * dim);
        var indices = new int[23];
        for (var n = 0; n < indices.Length; n++)
        {
            indices[n] = random.Next(rowCount); // repeats allowed
        }

        var weights = NaiveLinearAlgebra.RandomFloats(random, indices.Length, 3f);
        return (rows, indices, weights, NaiveLinearAlgebra.RandomFloats(random, dim), NaiveLinearAlgebra.RandomFloats(random, dim));
    }

    private static void AssertClose(double[] expected, float[] actual, int dim)
    {
        // 23 terms with coefficients up to ~3·dim: float rounding stays below 1e-5 of the magnitudes involved.
        var tolerance = 1e-5 * 23 * 3 * (1 + dim);
        for (var d = 0; d < dim; d++)
        {
            Assert.True(Math.Abs(actual[d] - expected[d]) <= tolerance, $"[{d}]: {actual[d]} vs {expected[d]}");
        }
    }
}
