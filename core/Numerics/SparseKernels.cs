using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Tailor.Numerics;

/// <summary>
/// Kernels over a gathered subset of the rows of a flat row-major matrix Y (<c>dim</c> floats per row), as
/// one sparse row of an interaction matrix selects them: for each selected row y (index <c>indices[n]</c>)
/// the kernel reads y twice — once for a dot product with v, once to add a multiple of y to the accumulator —
/// while y is still in L1.
/// </summary>
public static class SparseKernels
{
    /// <summary><c>acc += Σₙ weights[n] · (yₙ·v) · yₙ</c>, the sparse part of a weighted Gram–vector product.</summary>
    public static void AddProjections(
        ReadOnlySpan<float> rows, int dim, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights, ReadOnlySpan<float> v, Span<float> acc) =>
        Accumulate<Projection>(rows, dim, indices, weights, v, acc);

    /// <summary><c>acc += Σₙ (1 + weights[n] · (1 − yₙ·v)) · yₙ</c>: with weights = c − 1 this is the sparse part of
    /// the implicit-ALS residual b − A v (b = Σ c y).</summary>
    public static void AddConfidenceResiduals(
        ReadOnlySpan<float> rows, int dim, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights, ReadOnlySpan<float> v, Span<float> acc) =>
        Accumulate<ConfidenceResidual>(rows, dim, indices, weights, v, acc);

    private static void Accumulate<TCoefficient>(
        ReadOnlySpan<float> rows, int dim, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights, ReadOnlySpan<float> v, Span<float> acc)
        where TCoefficient : struct, ICoefficient
    {
        if (weights.Length < indices.Length)
        {
            Throw.SpanTooShort(nameof(weights), indices.Length, weights.Length);
        }

        if (v.Length < dim)
        {
            Throw.SpanTooShort(nameof(v), dim, v.Length);
        }

        if (acc.Length < dim)
        {
            Throw.SpanTooShort(nameof(acc), dim, acc.Length);
        }

        var rowCount = rows.Length / dim;
        ref var first = ref MemoryMarshal.GetReference(rows);
        ref var vr = ref MemoryMarshal.GetReference(v);
        ref var ar = ref MemoryMarshal.GetReference(acc);
        var width = Vector<float>.Count;
        var vectorEnd = dim - (dim % width);
        var count = indices.Length;
        var n = 0;

        // Four rows at a time: four independent dot products, then one read-modify-write of acc for all four.
        for (; n + 4 <= count; n += 4)
        {
            var i0 = indices[n];
            var i1 = indices[n + 1];
            var i2 = indices[n + 2];
            var i3 = indices[n + 3];
            if ((uint)i0 >= (uint)rowCount || (uint)i1 >= (uint)rowCount || (uint)i2 >= (uint)rowCount || (uint)i3 >= (uint)rowCount)
            {
                ThrowFirstOutOfRange(indices, n, rowCount);
            }

            if (Sse.IsSupported)
            {
                for (var ahead = n + Lookahead; ahead < n + Lookahead + 4 && ahead < count; ahead++)
                {
                    Prefetch(ref Unsafe.Add(ref first, Math.Min((uint)indices[ahead], (uint)(rowCount - 1)) * (uint)dim), dim);
                }
            }

            ref var y0 = ref Unsafe.Add(ref first, i0 * dim);
            ref var y1 = ref Unsafe.Add(ref first, i1 * dim);
            ref var y2 = ref Unsafe.Add(ref first, i2 * dim);
            ref var y3 = ref Unsafe.Add(ref first, i3 * dim);
            var c0 = TCoefficient.Of(weights[n], Dot(ref y0, ref vr, dim, vectorEnd));
            var c1 = TCoefficient.Of(weights[n + 1], Dot(ref y1, ref vr, dim, vectorEnd));
            var c2 = TCoefficient.Of(weights[n + 2], Dot(ref y2, ref vr, dim, vectorEnd));
            var c3 = TCoefficient.Of(weights[n + 3], Dot(ref y3, ref vr, dim, vectorEnd));
            var s0 = new Vector<float>(c0);
            var s1 = new Vector<float>(c1);
            var s2 = new Vector<float>(c2);
            var s3 = new Vector<float>(c3);
            var d = 0;
            for (; d < vectorEnd; d += width)
            {
                var a = Vector.LoadUnsafe(ref ar, (nuint)d);
                a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y0, (nuint)d), s0, a);
                a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y1, (nuint)d), s1, a);
                a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y2, (nuint)d), s2, a);
                a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y3, (nuint)d), s3, a);
                a.StoreUnsafe(ref ar, (nuint)d);
            }

            for (; d < dim; d++)
            {
                Unsafe.Add(ref ar, d) += (c0 * Unsafe.Add(ref y0, d)) + (c1 * Unsafe.Add(ref y1, d)) + (c2 * Unsafe.Add(ref y2, d)) + (c3 * Unsafe.Add(ref y3, d));
            }
        }

        for (; n < count; n++)
        {
            var index = indices[n];
            if ((uint)index >= (uint)rowCount)
            {
                Throw.IndexOutOfRange(nameof(indices), n, index);
            }

            ref var y = ref Unsafe.Add(ref first, index * dim);
            var coefficient = TCoefficient.Of(weights[n], Dot(ref y, ref vr, dim, vectorEnd));
            var scale = new Vector<float>(coefficient);
            var d = 0;
            for (; d < vectorEnd; d += width)
            {
                Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)d), scale, Vector.LoadUnsafe(ref ar, (nuint)d)).StoreUnsafe(ref ar, (nuint)d);
            }

            for (; d < dim; d++)
            {
                Unsafe.Add(ref ar, d) += coefficient * Unsafe.Add(ref y, d);
            }
        }
    }

    private static void ThrowFirstOutOfRange(ReadOnlySpan<int> indices, int start, int rowCount)
    {
        for (var n = start; n < indices.Length; n++)
        {
            if ((uint)indices[n] >= (uint)rowCount)
            {
                Throw.IndexOutOfRange(nameof(indices), n, indices[n]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float y, ref float v, int dim, int vectorEnd)
    {
        var width = Vector<float>.Count;
        var sum0 = Vector<float>.Zero;
        var sum1 = Vector<float>.Zero;
        var d = 0;
        for (; d + (2 * width) <= vectorEnd; d += 2 * width)
        {
            sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)d), Vector.LoadUnsafe(ref v, (nuint)d), sum0);
            sum1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)(d + width)), Vector.LoadUnsafe(ref v, (nuint)(d + width)), sum1);
        }

        for (; d < vectorEnd; d += width)
        {
            sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)d), Vector.LoadUnsafe(ref v, (nuint)d), sum0);
        }

        var dot = Vector.Sum(sum0 + sum1);
        for (; d < dim; d++)
        {
            dot += Unsafe.Add(ref y, d) * Unsafe.Add(ref v, d);
        }

        return dot;
    }

    /// <summary>Rows ahead whose cache lines are requested while the current row is processed.</summary>
    private const int Lookahead = 4;

    private static unsafe void Prefetch(ref float row, int dim)
    {
        var bytes = dim * sizeof(float);
        fixed (float* p = &row)
        {
            for (var offset = 0; offset < bytes; offset += 64)
            {
                Sse.Prefetch0((byte*)p + offset);
            }
        }
    }

    private interface ICoefficient
    {
        static abstract float Of(float weight, float dot);
    }

    private readonly struct Projection : ICoefficient
    {
        public static float Of(float weight, float dot) => weight * dot;
    }

    private readonly struct ConfidenceResidual : ICoefficient
    {
        public static float Of(float weight, float dot) => 1f + (weight * (1f - dot));
    }
}
