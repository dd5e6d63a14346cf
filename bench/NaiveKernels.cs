namespace Tailor.Benchmarks;

/// <summary>Plain-loop versions of the numerics kernels, the baselines the SIMD kernels are measured against.</summary>
internal static class NaiveKernels
{
    public static void ScoreAll(float[] itemFactors, int itemCount, int dim, float[] user, float[] scores)
    {
        for (var i = 0; i < itemCount; i++)
        {
            var sum = 0f;
            for (var d = 0; d < dim; d++)
            {
                sum += itemFactors[(i * dim) + d] * user[d];
            }

            scores[i] = sum;
        }
    }

    public static void Gram(float[] rows, int rowCount, int dim, float[] gram)
    {
        Array.Clear(gram);
        for (var r = 0; r < rowCount; r++)
        {
            for (var i = 0; i < dim; i++)
            {
                var v = rows[(r * dim) + i];
                for (var j = 0; j < dim; j++)
                {
                    gram[(i * dim) + j] += v * rows[(r * dim) + j];
                }
            }
        }
    }

    /// <summary>Gaussian elimination without pivoting (the matrices are positive definite).</summary>
    public static void Solve(float[] a, float[] b, int n)
    {
        for (var col = 0; col < n; col++)
        {
            for (var r = col + 1; r < n; r++)
            {
                var factor = a[(r * n) + col] / a[(col * n) + col];
                for (var c = col; c < n; c++)
                {
                    a[(r * n) + c] -= factor * a[(col * n) + c];
                }

                b[r] -= factor * b[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= a[(r * n) + c] * b[c];
            }

            b[r] = sum / a[(r * n) + r];
        }
    }

    /// <summary>acc += Σ w (y·v) y over gathered rows, plain loops.</summary>
    public static void AddProjections(float[] rows, int dim, int[] indices, float[] weights, float[] v, float[] acc)
    {
        for (var n = 0; n < indices.Length; n++)
        {
            var row = indices[n] * dim;
            var dot = 0f;
            for (var d = 0; d < dim; d++)
            {
                dot += rows[row + d] * v[d];
            }

            var c = weights[n] * dot;
            for (var d = 0; d < dim; d++)
            {
                acc[d] += c * rows[row + d];
            }
        }
    }

    /// <summary>Top k by sorting every index.</summary>
    public static int TopBySort(float[] scores, int[] order, int[] top)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = (float[])scores.Clone();
        Array.Sort(keys, order, Comparer<float>.Create((a, b) => b.CompareTo(a)));
        Array.Copy(order, top, top.Length);
        return top.Length;
    }
}
