using Tailor.Numerics;

namespace Tailor.Tests.Numerics;

public class CholeskyTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 15, 30, 33, 64, 100 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Solve_matches_gaussian_elimination(int n)
    {
        var random = new Random(n);
        var a = NaiveLinearAlgebra.RandomSpd(random, n);
        var b = NaiveLinearAlgebra.RandomFloats(random, n);
        var expected = NaiveLinearAlgebra.Solve(Array.ConvertAll(a, v => (double)v), Array.ConvertAll(b, v => (double)v), n);

        var factor = (float[])a.Clone();
        var x = (float[])b.Clone();
        Assert.True(Cholesky.Solve(factor, x, n));

        // The matrices have eigenvalues in [1, ~5]; float solves agree with double to ~1e-5 relative.
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(x[i] - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"x[{i}]: {x[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Factor_reproduces_the_matrix(int n)
    {
        var random = new Random(1000 + n);
        var a = NaiveLinearAlgebra.RandomSpd(random, n);
        var l = (float[])a.Clone();
        Assert.True(Cholesky.Factor(l, n));
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var p = 0; p <= j; p++)
                {
                    sum += (double)l[(i * n) + p] * l[(j * n) + p];
                }

                Assert.True(Math.Abs(sum - a[(i * n) + j]) <= 1e-4, $"({i},{j}): {sum} vs {a[(i * n) + j]}");
            }
        }
    }

    [Fact]
    public void Factor_reports_a_matrix_that_is_not_positive_definite()
    {
        float[] a = [1f, 2f, 2f, 1f]; // eigenvalues 3 and -1
        Assert.False(Cholesky.Factor(a, 2));
    }
}
