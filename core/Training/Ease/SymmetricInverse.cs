using System.Numerics.Tensors;

namespace Tailor.Training.Ease;

/// <summary>
/// In-place Gauss–Jordan inversion of a symmetric positive-definite matrix (row-major, n × n) without
/// pivoting, which is stable for SPD input such as XᵀX + λI. Each elimination step is one row-scaled
/// update per row (TensorPrimitives), rows in parallel.
/// </summary>
internal static class SymmetricInverse
{
    public static void InvertInPlace(float[] a, int n, CancellationToken cancellationToken)
    {
        var chunks = Math.Max(1, Math.Min(n, Environment.ProcessorCount * 4));
        var pivotRow = new float[n];
        for (var k = 0; k < n; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rowK = a.AsSpan((int)((long)k * n), n);
            var pivot = rowK[k];
            if (!(pivot > 0f))
            {
                throw new InvalidOperationException($"Matrix is not positive definite (pivot {pivot} at {k}).");
            }

            rowK[k] = 1f;
            TensorPrimitives.Multiply(rowK, 1f / pivot, rowK);
            rowK.CopyTo(pivotRow);
            var step = k;
            if (n < 256)
            {
                Eliminate(a, n, step, pivotRow, 0, n);
                continue;
            }

            Parallel.For(0, chunks, c =>
            {
                var from = (int)((long)n * c / chunks);
                var to = (int)((long)n * (c + 1) / chunks);
                Eliminate(a, n, step, pivotRow, from, to);
            });
        }
    }

    private static void Eliminate(float[] a, int n, int k, float[] pivotRow, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (i == k)
            {
                continue;
            }

            var row = a.AsSpan((int)((long)i * n), n);
            var f = row[k];
            if (f == 0f)
            {
                continue;
            }

            row[k] = 0f;
            TensorPrimitives.MultiplyAdd(pivotRow, -f, row, row);
        }
    }
}
