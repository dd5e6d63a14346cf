namespace Tailor.Tests.Numerics;

/// <summary>Plain double-precision reference implementations the kernels are checked against; the benchmarks
/// compile this same file in as their naive baseline, so there is one reference.</summary>
internal static class NaiveLinearAlgebra
{
    public static double[] MatVec(float[] matrix, int rows, int cols, float[] x)
    {
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var c = 0; c < cols; c++)
            {
                sum += (double)matrix[(r * cols) + c] * x[c];
            }

            y[r] = sum;
        }

        return y;
    }

    public static double[] Gram(float[] rows, int rowCount, int dim)
    {
        var gram = new double[dim * dim];
        for (var r = 0; r < rowCount; r++)
        {
            for (var i = 0; i < dim; i++)
            {
                for (var j = 0; j < dim; j++)
                {
                    gram[(i * dim) + j] += (double)rows[(r * dim) + i] * rows[(r * dim) + j];
                }
            }
        }

        return gram;
    }

    /// <summary>Gaussian elimination with partial pivoting; returns x with A x = b.</summary>
    public static double[] Solve(double[] a, double[] b, int n)
    {
        var m = (double[])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[(r * n) + col]) > Math.Abs(m[(pivot * n) + col]))
                {
                    pivot = r;
                }
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (m[(col * n) + c], m[(pivot * n) + c]) = (m[(pivot * n) + c], m[(col * n) + c]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var factor = m[(r * n) + col] / m[(col * n) + col];
                for (var c = col; c < n; c++)
                {
                    m[(r * n) + c] -= factor * m[(col * n) + c];
                }

                x[r] -= factor * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var sum = x[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[(r * n) + c] * x[c];
            }

            x[r] = sum / m[(r * n) + r];
        }

        return x;
    }

    /// <summary>start + Σₙ coefficient(wₙ, yₙ·v) yₙ over the gathered rows yₙ = rows[indices[n]]: with
    /// <c>(w, dot) =&gt; w * dot</c> the reference of <c>SparseKernels.AddProjections</c>, with
    /// <c>(w, dot) =&gt; 1 + (w * (1 - dot))</c> of <c>SparseKernels.AddConfidenceResiduals</c>.</summary>
    public static double[] AddProjections(
        float[] rows, int dim, int[] indices, float[] weights, float[] v, float[] start, Func<double, double, double> coefficient)
    {
        var acc = Array.ConvertAll(start, x => (double)x);
        for (var n = 0; n < indices.Length; n++)
        {
            var dot = 0.0;
            for (var d = 0; d < dim; d++)
            {
                dot += (double)rows[(indices[n] * dim) + d] * v[d];
            }

            var c = coefficient(weights[n], dot);
            for (var d = 0; d < dim; d++)
            {
                acc[d] += c * rows[(indices[n] * dim) + d];
            }
        }

        return acc;
    }

    /// <summary>The indices of the <paramref name="k"/> highest scores by a full sort, best first, ties to the lower
    /// index; masked scores (−∞ and NaN) are never selected.</summary>
    public static int[] TopBySort(float[] scores, int k) =>
        Enumerable.Range(0, scores.Length)
            .Where(i => scores[i] > float.NegativeInfinity)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(k)
            .ToArray();

    public static float[] RandomFloats(Random random, int count, float scale = 1f)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2.0) - 1.0) * scale;
        }

        return values;
    }

    /// <summary>A random symmetric positive-definite matrix: BᵀB/n + I.</summary>
    public static float[] RandomSpd(Random random, int n)
    {
        var b = RandomFloats(random, n * n);
        var gram = Gram(b, n, n);
        var a = new float[n * n];
        for (var i = 0; i < n * n; i++)
        {
            a[i] = (float)(gram[i] / n);
        }

        for (var i = 0; i < n; i++)
        {
            a[(i * n) + i] += 1f;
        }

        return a;
    }
}
