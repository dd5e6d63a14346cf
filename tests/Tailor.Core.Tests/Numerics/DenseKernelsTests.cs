using Tailor.Numerics;

namespace Tailor.Tests.Numerics;

public class DenseKernelsTests
{
    // Relative tolerance for float kernels against double references: sums of up to a few hundred
    // products of values in [-1, 1] lose at most ~1e-5 of their magnitude.
    private const double Tolerance = 1e-4;

    public static TheoryData<int> Lengths => new() { 1, 15, 30, 33, 64, 100 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MatVec_matches_naive_product(int dim)
    {
        var random = new Random(dim);
        foreach (var rows in new[] { 1, 3, 4, 7, 37 })
        {
            var matrix = NaiveLinearAlgebra.RandomFloats(random, rows * dim);
            var x = NaiveLinearAlgebra.RandomFloats(random, dim);
            var y = new float[rows];
            DenseKernels.MatVec(matrix, rows, dim, x, y);
            var expected = NaiveLinearAlgebra.MatVec(matrix, rows, dim, x);
            for (var r = 0; r < rows; r++)
            {
                Assert.True(Math.Abs(y[r] - expected[r]) <= Tolerance * (1 + dim), $"row {r} of {rows}: {y[r]} vs {expected[r]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Strided_MatVec_reads_a_sub_block(int dim)
    {
        var random = new Random(50 + dim);
        const int rows = 9;
        var stride = dim + 5;
        var matrix = NaiveLinearAlgebra.RandomFloats(random, rows * stride);
        var x = NaiveLinearAlgebra.RandomFloats(random, dim);
        var y = new float[rows];
        DenseKernels.MatVec(matrix, rows, dim, stride, x, y);
        for (var r = 0; r < rows; r++)
        {
            var expected = 0.0;
            for (var c = 0; c < dim; c++)
            {
                expected += (double)matrix[(r * stride) + c] * x[c];
            }

            Assert.True(Math.Abs(y[r] - expected) <= Tolerance * (1 + dim), $"row {r}: {y[r]} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScoreAll_scores_every_item_by_dot_product(int dim)
    {
        var random = new Random(100 + dim);
        const int items = 29;
        var factors = NaiveLinearAlgebra.RandomFloats(random, items * dim);
        var user = NaiveLinearAlgebra.RandomFloats(random, dim);
        var scores = new float[items];
        DenseKernels.ScoreAll(factors, items, dim, user, scores);
        var expected = NaiveLinearAlgebra.MatVec(factors, items, dim, user);
        for (var i = 0; i < items; i++)
        {
            Assert.True(Math.Abs(scores[i] - expected[i]) <= Tolerance * (1 + dim), $"item {i}: {scores[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Gram_matches_naive_gram_and_is_symmetric(int dim)
    {
        var random = new Random(200 + dim);
        const int rows = 53;
        var matrix = NaiveLinearAlgebra.RandomFloats(random, rows * dim);
        var gram = new float[dim * dim];
        gram.AsSpan().Fill(float.NaN); // Gram must overwrite, not accumulate into, its output.
        DenseKernels.Gram(matrix, rows, dim, gram);
        var expected = NaiveLinearAlgebra.Gram(matrix, rows, dim);
        for (var i = 0; i < dim * dim; i++)
        {
            Assert.True(Math.Abs(gram[i] - expected[i]) <= Tolerance * rows, $"entry {i}: {gram[i]} vs {expected[i]}");
        }

        for (var i = 0; i < dim; i++)
        {
            for (var j = 0; j < dim; j++)
            {
                Assert.Equal(gram[(i * dim) + j], gram[(j * dim) + i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddGramLower_adds_the_gram_to_the_lower_triangle(int dim)
    {
        var random = new Random(400 + dim);
        foreach (var rows in new[] { 1, 7, 16, 17, 40 })
        {
            var matrix = NaiveLinearAlgebra.RandomFloats(random, rows * dim);
            var start = NaiveLinearAlgebra.RandomFloats(random, dim * dim);
            var a = (float[])start.Clone();
            DenseKernels.AddGramLower(matrix, rows, dim, a);
            var gram = NaiveLinearAlgebra.Gram(matrix, rows, dim);
            for (var i = 0; i < dim; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var at = (i * dim) + j;
                    Assert.True(Math.Abs(a[at] - (start[at] + gram[at])) <= Tolerance * rows, $"{rows} rows ({i},{j}): {a[at]} vs {start[at] + gram[at]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaledOuterLower_updates_only_the_lower_triangle(int dim)
    {
        var random = new Random(300 + dim);
        var v = NaiveLinearAlgebra.RandomFloats(random, dim);
        var start = NaiveLinearAlgebra.RandomFloats(random, dim * dim);
        var a = (float[])start.Clone();
        DenseKernels.AddScaledOuterLower(v, 2.5f, dim, a);
        for (var i = 0; i < dim; i++)
        {
            for (var j = 0; j < dim; j++)
            {
                var at = (i * dim) + j;
                var expected = j <= i ? start[at] + (2.5 * v[i] * v[j]) : start[at];
                Assert.True(Math.Abs(a[at] - expected) <= 1e-5, $"({i},{j}): {a[at]} vs {expected}");
            }
        }
    }

    [Fact]
    public void MatVec_rejects_too_short_output()
    {
        var matrix = new float[6];
        var x = new float[3];
        Assert.Throws<ArgumentException>(() => DenseKernels.MatVec(matrix, 2, 3, x, new float[1]));
    }
}
