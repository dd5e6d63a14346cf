using System.Numerics;
using System.Runtime.InteropServices;

namespace Tailor.Training.Ease;

/// <summary>
/// In-place blocked Gauss–Jordan inversion of a symmetric positive-definite matrix (row-major, n × n)
/// without pivoting, which is stable for SPD input such as XᵀX + λI. Pivots are taken
/// <see cref="BlockSize"/> at a time: the pivot block is inverted, the pivot rows are multiplied by that
/// inverse into a panel, and every other row subtracts a combination of the panel rows — one pass over the
/// matrix per block instead of per pivot, with the row kept in cache while the panel streams past.
/// </summary>
internal static class SymmetricInverse
{
    public const int BlockSize = 64;

    public static void InvertInPlace(float[] a, int n, CancellationToken cancellationToken)
    {
        var panel = new float[(long)BlockSize * n];
        var block = new double[BlockSize * BlockSize];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        for (var k0 = 0; k0 < n; k0 += BlockSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = Math.Min(BlockSize, n - k0);
            var start = k0;

            // 1. Invert the pivot block (double precision, plain Gauss–Jordan: b is small).
            for (var s = 0; s < b; s++)
            {
                for (var t = 0; t < b; t++)
                {
                    block[(s * b) + t] = a[((long)(k0 + s) * n) + k0 + t];
                }
            }

            InvertSmall(block, b, k0);

            // 2. Panel = inverse(pivot block) · pivot rows, with the pivot columns replaced by the inverse.
            Parallel.For(0, b, options, t =>
            {
                var row = panel.AsSpan((int)((long)t * n), n);
                row.Clear();
                for (var s = 0; s < b; s++)
                {
                    var w = (float)block[(t * b) + s];
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(a.AsSpan((int)((long)(start + s) * n), n), w, row, row);
                }

                for (var s = 0; s < b; s++)
                {
                    row[start + s] = (float)block[(t * b) + s];
                }
            });

            // 3. Pivot rows become the panel; every other row i: A[i,K] = 0, then row_i -= A_old[i,K] · panel.
            panel.AsSpan(0, (int)((long)b * n)).CopyTo(a.AsSpan((int)((long)k0 * n)));
            Parallel.For(0, n - b, options, () => new float[BlockSize], (r, _, f) =>
            {
                var i = r < start ? r : r + b;
                var row = a.AsSpan((int)((long)i * n), n);
                for (var t = 0; t < b; t++)
                {
                    f[t] = row[start + t];
                    row[start + t] = 0f;
                }

                SubtractCombination(row, f.AsSpan(0, b), panel, n);
                return f;
            }, _ => { });
        }
    }

    /// <summary>row -= Σ_t f[t] · panel[t], four panel rows per pass over the row.</summary>
    private static void SubtractCombination(Span<float> row, ReadOnlySpan<float> f, float[] panel, int n)
    {
        var t = 0;
        var width = Vector<float>.Count;
        var rowV = MemoryMarshal.Cast<float, Vector<float>>(row);
        var vectorEnd = rowV.Length * width;
        for (; t + 4 <= f.Length; t += 4)
        {
            var p0 = panel.AsSpan((int)((long)t * n), n);
            var p1 = panel.AsSpan((int)((long)(t + 1) * n), n);
            var p2 = panel.AsSpan((int)((long)(t + 2) * n), n);
            var p3 = panel.AsSpan((int)((long)(t + 3) * n), n);
            var v0 = MemoryMarshal.Cast<float, Vector<float>>(p0);
            var v1 = MemoryMarshal.Cast<float, Vector<float>>(p1);
            var v2 = MemoryMarshal.Cast<float, Vector<float>>(p2);
            var v3 = MemoryMarshal.Cast<float, Vector<float>>(p3);
            var f0 = new Vector<float>(f[t]);
            var f1 = new Vector<float>(f[t + 1]);
            var f2 = new Vector<float>(f[t + 2]);
            var f3 = new Vector<float>(f[t + 3]);
            for (var j = 0; j < rowV.Length; j++)
            {
                rowV[j] -= (f0 * v0[j]) + (f1 * v1[j]) + (f2 * v2[j]) + (f3 * v3[j]);
            }

            for (var j = vectorEnd; j < n; j++)
            {
                row[j] -= (f[t] * p0[j]) + (f[t + 1] * p1[j]) + (f[t + 2] * p2[j]) + (f[t + 3] * p3[j]);
            }
        }

        for (; t < f.Length; t++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(panel.AsSpan((int)((long)t * n), n), -f[t], row, row);
        }
    }

    private static void InvertSmall(double[] m, int b, int offset)
    {
        for (var k = 0; k < b; k++)
        {
            var pivot = m[(k * b) + k];
            if (!(pivot > 0))
            {
                throw new InvalidOperationException($"Matrix is not positive definite (pivot {pivot} at {offset + k}).");
            }

            m[(k * b) + k] = 1;
            for (var j = 0; j < b; j++)
            {
                m[(k * b) + j] /= pivot;
            }

            for (var i = 0; i < b; i++)
            {
                if (i == k)
                {
                    continue;
                }

                var factor = m[(i * b) + k];
                m[(i * b) + k] = 0;
                for (var j = 0; j < b; j++)
                {
                    m[(i * b) + j] -= factor * m[(k * b) + j];
                }
            }
        }
    }
}
