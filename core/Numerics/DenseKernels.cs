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
    public static void MatVec(ReadOnlySpan<float> matrix, int rows, int cols, ReadOnlySpan<float> x, Span<float> y) =>
        MatVec(matrix, rows, cols, cols, x, y);

    /// <summary>Writes <c>y = M x</c> where row r of M is <c>matrix[r * rowStride .. r * rowStride + cols]</c>
    /// (a sub-block of a larger row-major matrix when <paramref name="rowStride"/> &gt; <paramref name="cols"/>).</summary>
    public static void MatVec(ReadOnlySpan<float> matrix, int rows, int cols, int rowStride, ReadOnlySpan<float> x, Span<float> y)
    {
        if (rows > 0 && matrix.Length < ((rows - 1) * rowStride) + cols)
        {
            Throw.SpanTooShort(nameof(matrix), ((rows - 1) * rowStride) + cols, matrix.Length);
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
            ref var m0 = ref Unsafe.Add(ref m, r * rowStride);
            ref var m1 = ref Unsafe.Add(ref m0, rowStride);
            ref var m2 = ref Unsafe.Add(ref m1, rowStride);
            ref var m3 = ref Unsafe.Add(ref m2, rowStride);
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
            y[r] = TensorPrimitives.Dot(matrix.Slice(r * rowStride, cols), x[..cols]);
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

    /// <summary>Adds <c>RᵀR</c> to the lower triangle (diagonal included) of <paramref name="gram"/>. Entries just
    /// above the diagonal, within the same SIMD block of a row, also receive their <c>RᵀR</c> term; the rest
    /// of the upper triangle is left untouched. Rows are taken 16 at a time and each output block stays in a
    /// register while they are added, so the work is register-bound rather than load/store-bound.</summary>
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

        const int RowBlock = 16;
        var width = Vector<float>.Count;
        var vectorEnd = dim - (dim % width);
        ref var z = ref MemoryMarshal.GetReference(rows);
        ref var g = ref MemoryMarshal.GetReference(gram);
        for (var r0 = 0; r0 < rowCount; r0 += RowBlock)
        {
            var count = Math.Min(RowBlock, rowCount - r0);
            ref var block = ref Unsafe.Add(ref z, r0 * dim);
            for (var i = 0; i < dim; i++)
            {
                ref var gi = ref Unsafe.Add(ref g, i * dim);
                var end = Math.Min(vectorEnd, ((i / width) + 1) * width);
                var c = 0;
                for (; c + (4 * width) <= end; c += 4 * width)
                {
                    var a0 = Vector.LoadUnsafe(ref gi, (nuint)c);
                    var a1 = Vector.LoadUnsafe(ref gi, (nuint)(c + width));
                    var a2 = Vector.LoadUnsafe(ref gi, (nuint)(c + (2 * width)));
                    var a3 = Vector.LoadUnsafe(ref gi, (nuint)(c + (3 * width)));
                    for (var b = 0; b < count; b++)
                    {
                        ref var row = ref Unsafe.Add(ref block, b * dim);
                        var s = new Vector<float>(Unsafe.Add(ref row, i));
                        a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)c), s, a0);
                        a1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(c + width)), s, a1);
                        a2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(c + (2 * width))), s, a2);
                        a3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(c + (3 * width))), s, a3);
                    }

                    a0.StoreUnsafe(ref gi, (nuint)c);
                    a1.StoreUnsafe(ref gi, (nuint)(c + width));
                    a2.StoreUnsafe(ref gi, (nuint)(c + (2 * width)));
                    a3.StoreUnsafe(ref gi, (nuint)(c + (3 * width)));
                }

                for (; c < end; c += width)
                {
                    var a0 = Vector.LoadUnsafe(ref gi, (nuint)c);
                    for (var b = 0; b < count; b++)
                    {
                        ref var row = ref Unsafe.Add(ref block, b * dim);
                        a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)c), new Vector<float>(Unsafe.Add(ref row, i)), a0);
                    }

                    a0.StoreUnsafe(ref gi, (nuint)c);
                }

                for (; c <= i; c++)
                {
                    var sum = 0f;
                    for (var b = 0; b < count; b++)
                    {
                        ref var row = ref Unsafe.Add(ref block, b * dim);
                        sum += Unsafe.Add(ref row, i) * Unsafe.Add(ref row, c);
                    }

                    Unsafe.Add(ref gi, c) += sum;
                }
            }
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
