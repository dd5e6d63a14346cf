using System.Numerics.Tensors;

namespace Tailor.Numerics;

/// <summary>Cholesky factorisation and solve for small dense symmetric positive-definite systems
/// (row-major, only the lower triangle is read).</summary>
public static class Cholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> (n × n) with L where A = L Lᵀ.
    /// Returns false, leaving <paramref name="a"/> partly overwritten, when A is not positive definite.</summary>
    public static bool Factor(Span<float> a, int n)
    {
        if (a.Length < n * n)
        {
            Throw.SpanTooShort(nameof(a), n * n, a.Length);
        }

        // Column by column (Crout): column j below the diagonal needs the dots of rows j+1..n-1 with row j over
        // the first j columns, one strided matrix–vector product into a scratch vector.
        Span<float> dots = n <= 256 ? stackalloc float[n] : new float[n];
        for (var j = 0; j < n; j++)
        {
            var rowJ = a.Slice(j * n, j + 1);
            var prefixJ = rowJ[..j];
            var pivot = rowJ[j] - TensorPrimitives.Dot(prefixJ, prefixJ);
            if (!(pivot > 0f))
            {
                return false;
            }

            var diagonal = MathF.Sqrt(pivot);
            rowJ[j] = diagonal;
            var below = n - j - 1;
            if (below == 0)
            {
                break;
            }

            var inverse = 1f / diagonal;
            if (j == 0)
            {
                for (var i = 1; i < n; i++)
                {
                    a[i * n] *= inverse;
                }

                continue;
            }

            DenseKernels.MatVec(a[((j + 1) * n)..], below, j, n, prefixJ, dots);
            for (var i = 0; i < below; i++)
            {
                var at = ((j + 1 + i) * n) + j;
                a[at] = (a[at] - dots[i]) * inverse;
            }
        }

        return true;
    }

    /// <summary>Solves L Lᵀ x = b in place in <paramref name="b"/>, with L from <see cref="Factor"/>.</summary>
    public static void SolveFactored(ReadOnlySpan<float> l, Span<float> b, int n)
    {
        if (l.Length < n * n)
        {
            Throw.SpanTooShort(nameof(l), n * n, l.Length);
        }

        if (b.Length < n)
        {
            Throw.SpanTooShort(nameof(b), n, b.Length);
        }

        // Forward: L y = b.
        for (var i = 0; i < n; i++)
        {
            var row = l.Slice(i * n, i + 1);
            b[i] = (b[i] - TensorPrimitives.Dot(row[..i], b[..i])) / row[i];
        }

        // Backward: Lᵀ x = y, column-oriented so each step reads one contiguous row of L.
        for (var i = n - 1; i >= 0; i--)
        {
            var row = l.Slice(i * n, i + 1);
            var xi = b[i] / row[i];
            b[i] = xi;
            var head = b[..i];
            TensorPrimitives.MultiplyAdd(row[..i], -xi, head, head);
        }
    }

    /// <summary>Solves A x = b (A symmetric positive definite, n × n) in place: <paramref name="a"/> is overwritten
    /// by its factor and <paramref name="b"/> by x. Returns false when A is not positive definite.</summary>
    public static bool Solve(Span<float> a, Span<float> b, int n)
    {
        if (!Factor(a, n))
        {
            return false;
        }

        SolveFactored(a, b, n);
        return true;
    }
}
