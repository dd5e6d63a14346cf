using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tailor.Training.Ease;

/// <summary>
/// In-place blocked Gauss–Jordan inversion of a symmetric positive-definite matrix (row-major, n × n)
/// without pivoting, which is stable for SPD input such as XᵀX + λI. Pivots are taken
/// <see cref="BlockSize"/> at a time: the pivot block is inverted, the pivot rows are multiplied by that
/// inverse into a panel, and every other row subtracts a combination of the panel rows — one pass over the
/// matrix per block instead of per pivot, four rows at a time held in registers while the panel streams past.
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

            // 3. Pivot rows become the panel; every other row i: A[i,K] = 0, then row_i -= A_old[i,K] · panel,
            //    four rows at a time so each panel vector loaded serves four rows.
            panel.AsSpan(0, (int)((long)b * n)).CopyTo(a.AsSpan((int)((long)k0 * n)));
            var others = n - b;
            var groups = (others + RowsPerGroup - 1) / RowsPerGroup;
            Parallel.For(0, groups, options, () => new float[RowsPerGroup * BlockSize], (g, _, f) =>
            {
                var count = Math.Min(RowsPerGroup, others - (g * RowsPerGroup));
                Span<long> offsets = stackalloc long[RowsPerGroup];
                for (var q = 0; q < count; q++)
                {
                    var r = (g * RowsPerGroup) + q;
                    var i = r < start ? r : r + b;
                    offsets[q] = (long)i * n;
                    var row = a.AsSpan((int)offsets[q], n);
                    for (var t = 0; t < b; t++)
                    {
                        f[(q * b) + t] = -row[start + t];
                        row[start + t] = 0f;
                    }
                }

                if (count == RowsPerGroup)
                {
                    AddCombinationToFourRows(a, offsets, f, b, panel, n);
                }
                else
                {
                    for (var q = 0; q < count; q++)
                    {
                        AddCombination(a.AsSpan((int)offsets[q], n), f.AsSpan(q * b, b), panel, n);
                    }
                }

                return f;
            }, _ => { });
        }
    }

    /// <summary>Rows updated together in step 3.</summary>
    private const int RowsPerGroup = 4;

    /// <summary>For each of the four rows q at <paramref name="offsets"/>: row_q += Σ_t f[q·b + t] · panel[t]. Two
    /// vectors of each row are kept in registers while all b panel rows stream past, so one panel load feeds four
    /// fused multiply-adds and each row is loaded and stored once per block.</summary>
    private static void AddCombinationToFourRows(float[] a, ReadOnlySpan<long> offsets, float[] f, int b, float[] panel, int n)
    {
        ref var pa = ref MemoryMarshal.GetArrayDataReference(panel);
        ref var aa = ref MemoryMarshal.GetArrayDataReference(a);
        ref var fa = ref MemoryMarshal.GetArrayDataReference(f);
        var o0 = (nuint)offsets[0];
        var o1 = (nuint)offsets[1];
        var o2 = (nuint)offsets[2];
        var o3 = (nuint)offsets[3];
        var nb = (nuint)b;
        var width = Vector<float>.Count;
        var j = 0;
        for (; j + (2 * width) <= n; j += 2 * width)
        {
            var x = (nuint)j;
            var y = (nuint)(j + width);
            var a0 = Vector.LoadUnsafe(ref aa, o0 + x);
            var b0 = Vector.LoadUnsafe(ref aa, o0 + y);
            var a1 = Vector.LoadUnsafe(ref aa, o1 + x);
            var b1 = Vector.LoadUnsafe(ref aa, o1 + y);
            var a2 = Vector.LoadUnsafe(ref aa, o2 + x);
            var b2 = Vector.LoadUnsafe(ref aa, o2 + y);
            var a3 = Vector.LoadUnsafe(ref aa, o3 + x);
            var b3 = Vector.LoadUnsafe(ref aa, o3 + y);
            for (nuint t = 0; t < nb; t++)
            {
                var at = (t * (nuint)n) + x;
                var p = Vector.LoadUnsafe(ref pa, at);
                var r = Vector.LoadUnsafe(ref pa, at + (nuint)width);
                var f0 = new Vector<float>(Unsafe.Add(ref fa, t));
                var f1 = new Vector<float>(Unsafe.Add(ref fa, nb + t));
                var f2 = new Vector<float>(Unsafe.Add(ref fa, (2 * nb) + t));
                var f3 = new Vector<float>(Unsafe.Add(ref fa, (3 * nb) + t));
                a0 = Vector.FusedMultiplyAdd(f0, p, a0);
                b0 = Vector.FusedMultiplyAdd(f0, r, b0);
                a1 = Vector.FusedMultiplyAdd(f1, p, a1);
                b1 = Vector.FusedMultiplyAdd(f1, r, b1);
                a2 = Vector.FusedMultiplyAdd(f2, p, a2);
                b2 = Vector.FusedMultiplyAdd(f2, r, b2);
                a3 = Vector.FusedMultiplyAdd(f3, p, a3);
                b3 = Vector.FusedMultiplyAdd(f3, r, b3);
            }

            a0.StoreUnsafe(ref aa, o0 + x);
            b0.StoreUnsafe(ref aa, o0 + y);
            a1.StoreUnsafe(ref aa, o1 + x);
            b1.StoreUnsafe(ref aa, o1 + y);
            a2.StoreUnsafe(ref aa, o2 + x);
            b2.StoreUnsafe(ref aa, o2 + y);
            a3.StoreUnsafe(ref aa, o3 + x);
            b3.StoreUnsafe(ref aa, o3 + y);
        }

        // The columns past the last pair of whole vectors.
        for (; j < n; j++)
        {
            float s0 = a[o0 + (nuint)j], s1 = a[o1 + (nuint)j], s2 = a[o2 + (nuint)j], s3 = a[o3 + (nuint)j];
            for (var t = 0; t < b; t++)
            {
                var p = panel[((long)t * n) + j];
                s0 += f[t] * p;
                s1 += f[b + t] * p;
                s2 += f[(2 * b) + t] * p;
                s3 += f[(3 * b) + t] * p;
            }

            a[o0 + (nuint)j] = s0;
            a[o1 + (nuint)j] = s1;
            a[o2 + (nuint)j] = s2;
            a[o3 + (nuint)j] = s3;
        }
    }

    /// <summary>row += Σ_t f[t] · panel[t], for the rows left over from the groups of four.</summary>
    private static void AddCombination(Span<float> row, ReadOnlySpan<float> f, float[] panel, int n)
    {
        for (var t = 0; t < f.Length; t++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(panel.AsSpan((int)((long)t * n), n), f[t], row, row);
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
