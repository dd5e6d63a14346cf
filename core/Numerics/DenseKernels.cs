using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tailor.Numerics;

/// <summary>Dense single-precision kernels on flat row-major matrices (span in, span out, explicit lengths).</summary>
public static class DenseKernels
{
    /// <summary>Writes <c>y = M x</c> for the row-major <paramref name="rows"/> × <paramref name="cols"/>
    /// matrix <paramref name="matrix"/>. Four rows at a time share each load of <paramref name="x"/>.</summary>
    public static void MatVec(ReadOnlySpan<float> matrix, int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        if (matrix.Length < rows * cols)
        {
            Throw.SpanTooShort(nameof(matrix), rows * cols, matrix.Length);
        }

        if (x.Length < cols)
        {
            Throw.SpanTooShort(nameof(x), cols, x.Length);
        }

        if (y.Length < rows)
        {
            Throw.SpanTooShort(nameof(y), rows, y.Length);
        }

        ref var m = ref MemoryMarshal.GetReference(matrix);
        ref var xr = ref MemoryMarshal.GetReference(x);
        var width = Vector<float>.Count;
        var vectorEnd = cols - (cols % width);
        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref var m0 = ref Unsafe.Add(ref m, r * cols);
            ref var m1 = ref Unsafe.Add(ref m0, cols);
            ref var m2 = ref Unsafe.Add(ref m1, cols);
            ref var m3 = ref Unsafe.Add(ref m2, cols);
            var a0 = Vector<float>.Zero;
            var a1 = Vector<float>.Zero;
            var a2 = Vector<float>.Zero;
            var a3 = Vector<float>.Zero;
            var c = 0;
            for (; c < vectorEnd; c += width)
            {
                var xv = Vector.LoadUnsafe(ref xr, (nuint)c);
                a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref m0, (nuint)c), xv, a0);
                a1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref m1, (nuint)c), xv, a1);
                a2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref m2, (nuint)c), xv, a2);
                a3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref m3, (nuint)c), xv, a3);
            }

            float s0 = Vector.Sum(a0), s1 = Vector.Sum(a1), s2 = Vector.Sum(a2), s3 = Vector.Sum(a3);
            for (; c < cols; c++)
            {
                var xc = Unsafe.Add(ref xr, c);
                s0 += Unsafe.Add(ref m0, c) * xc;
                s1 += Unsafe.Add(ref m1, c) * xc;
                s2 += Unsafe.Add(ref m2, c) * xc;
                s3 += Unsafe.Add(ref m3, c) * xc;
            }

            y[r] = s0;
            y[r + 1] = s1;
            y[r + 2] = s2;
            y[r + 3] = s3;
        }

        for (; r < rows; r++)
        {
            y[r] = TensorPrimitives.Dot(matrix.Slice(r * cols, cols), x[..cols]);
        }
    }

    /// <summary>Scores every item for one user: <c>scores[i] = dot(itemFactors[i], user)</c>.</summary>
    public static void ScoreAll(ReadOnlySpan<float> itemFactors, int itemCount, int dim, ReadOnlySpan<float> user, Span<float> scores) =>
        MatVec(itemFactors, itemCount, dim, user, scores);

    /// <summary>Writes the Gram matrix <c>RᵀR</c> (<paramref name="dim"/> × <paramref name="dim"/>, full and symmetric)
    /// of the row-major <paramref name="rowCount"/> × <paramref name="dim"/> matrix <paramref name="rows"/>.</summary>
    public static void Gram(ReadOnlySpan<float> rows, int rowCount, int dim, Span<float> gram)
    {
        if (gram.Length < dim * dim)
        {
            Throw.SpanTooShort(nameof(gram), dim * dim, gram.Length);
        }

        gram[..(dim * dim)].Clear();
        AddGramLower(rows, rowCount, dim, gram);
        MirrorLower(gram, dim);
    }

    /// <summary>Adds <c>RᵀR</c> to the lower triangle (diagonal included) of <paramref name="gram"/>; the upper
    /// triangle is left untouched. Rank-1 updates restricted to the triangle halve the work.</summary>
    public static void AddGramLower(ReadOnlySpan<float> rows, int rowCount, int dim, Span<float> gram)
    {
        if (rows.Length < rowCount * dim)
        {
            Throw.SpanTooShort(nameof(rows), rowCount * dim, rows.Length);
        }

        if (gram.Length < dim * dim)
        {
            Throw.SpanTooShort(nameof(gram), dim * dim, gram.Length);
        }

        for (var r = 0; r < rowCount; r++)
        {
            AddScaledOuterLower(rows.Slice(r * dim, dim), 1f, dim, gram);
        }
    }

    /// <summary>Adds <c>scale · v vᵀ</c> to the lower triangle (diagonal included) of the
    /// <paramref name="dim"/> × <paramref name="dim"/> matrix <paramref name="a"/>.</summary>
    public static void AddScaledOuterLower(ReadOnlySpan<float> v, float scale, int dim, Span<float> a)
    {
        if (v.Length < dim)
        {
            Throw.SpanTooShort(nameof(v), dim, v.Length);
        }

        if (a.Length < dim * dim)
        {
            Throw.SpanTooShort(nameof(a), dim * dim, a.Length);
        }

        for (var j = 0; j < dim; j++)
        {
            var row = a.Slice(j * dim, j + 1);
            TensorPrimitives.MultiplyAdd(v[..(j + 1)], scale * v[j], row, row);
        }
    }

    /// <summary>Copies the lower triangle of the square matrix <paramref name="a"/> onto its upper triangle.</summary>
    public static void MirrorLower(Span<float> a, int dim)
    {
        for (var i = 0; i < dim; i++)
        {
            for (var j = i + 1; j < dim; j++)
            {
                a[(i * dim) + j] = a[(j * dim) + i];
            }
        }
    }
}
