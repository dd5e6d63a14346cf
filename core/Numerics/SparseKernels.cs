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
        ref var vr = ref MemoryMarshal.GetReference(v);
        ref var ar = ref MemoryMarshal.GetReference(acc);
        var width = Vector<float>.Count;
        var vectorEnd = dim - (dim % width);
        for (var n = 0; n < indices.Length; n++)
        {
            var index = indices[n];
            if ((uint)index >= (uint)rowCount)
            {
                Throw.IndexOutOfRange(nameof(indices), n, index);
            }

            ref var y = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), index * dim);
            if (Sse.IsSupported && n + Lookahead < indices.Length)
            {
                Prefetch(ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), Math.Min((uint)indices[n + Lookahead], (uint)(rowCount - 1)) * (uint)dim), dim);
            }
            var sum0 = Vector<float>.Zero;
            var sum1 = Vector<float>.Zero;
            var d = 0;
            for (; d + (2 * width) <= vectorEnd; d += 2 * width)
            {
                sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)d), Vector.LoadUnsafe(ref vr, (nuint)d), sum0);
                sum1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)(d + width)), Vector.LoadUnsafe(ref vr, (nuint)(d + width)), sum1);
            }

            for (; d < vectorEnd; d += width)
            {
                sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, (nuint)d), Vector.LoadUnsafe(ref vr, (nuint)d), sum0);
            }

            var dot = Vector.Sum(sum0 + sum1);
            for (; d < dim; d++)
            {
                dot += Unsafe.Add(ref y, d) * Unsafe.Add(ref vr, d);
            }

            var coefficient = TCoefficient.Of(weights[n], dot);
            var scale = new Vector<float>(coefficient);
            d = 0;
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
