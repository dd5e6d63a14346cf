using System.Numerics.Tensors;
using Tailor.Numerics;

namespace Tailor.Training.Ials;

/// <summary>
/// Solves one row's weighted least-squares problem with the other side's factors Y fixed:
/// (YᵀY + λI + Σᵢ eᵢ yᵢ yᵢᵀ) x = Σᵢ (1 + eᵢ) yᵢ, where eᵢ = cᵢ − 1 is the excess confidence.
/// The regularized Gram passed in is always YᵀY + λI (full, k × k).
/// </summary>
internal static class IalsRowSolver
{
    /// <summary>Exact solve by Cholesky; <paramref name="a"/> is k × k scratch, the result goes to <paramref name="x"/>.</summary>
    public static void SolveExact(
        ReadOnlySpan<float> regularizedGram,
        ReadOnlySpan<float> fixedFactors,
        int k,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> excess,
        Span<float> a,
        Span<float> x)
    {
        regularizedGram[..(k * k)].CopyTo(a);
        x[..k].Clear();
        for (var n = 0; n < columns.Length; n++)
        {
            var y = fixedFactors.Slice(columns[n] * k, k);
            var e = excess[n];
            DenseKernels.AddScaledOuterLower(y, e, k, a);
            TensorPrimitives.MultiplyAdd(y, 1f + e, x[..k], x[..k]);
        }

        if (!Cholesky.Factor(a, k))
        {
            Throw.NotPositiveDefinite(0);
        }

        Cholesky.SolveFactored(a, x, k);
    }

    /// <summary>Conjugate-gradient refinement of <paramref name="x"/> in place (warm start). <paramref name="r"/>,
    /// <paramref name="p"/> and <paramref name="ap"/> are k-length scratch.</summary>
    public static void SolveConjugateGradient(
        ReadOnlySpan<float> regularizedGram,
        ReadOnlySpan<float> fixedFactors,
        int k,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> excess,
        int steps,
        Span<float> x,
        Span<float> r,
        Span<float> p,
        Span<float> ap)
    {
        x = x[..k];
        r = r[..k];
        p = p[..k];
        ap = ap[..k];

        // r = b − A x = −(YᵀY + λI) x + Σᵢ (1 + eᵢ − eᵢ yᵢ·x) yᵢ
        DenseKernels.MatVec(regularizedGram, k, k, x, r);
        TensorPrimitives.Negate(r, r);
        for (var n = 0; n < columns.Length; n++)
        {
            var y = fixedFactors.Slice(columns[n] * k, k);
            var e = excess[n];
            var coefficient = 1f + e - (e * TensorPrimitives.Dot(y, x));
            TensorPrimitives.MultiplyAdd(y, coefficient, r, r);
        }

        r.CopyTo(p);
        var residual = TensorPrimitives.Dot(r, r);
        for (var step = 0; step < steps; step++)
        {
            if (!(residual > 1e-20f))
            {
                return;
            }

            // ap = A p
            DenseKernels.MatVec(regularizedGram, k, k, p, ap);
            for (var n = 0; n < columns.Length; n++)
            {
                var y = fixedFactors.Slice(columns[n] * k, k);
                TensorPrimitives.MultiplyAdd(y, excess[n] * TensorPrimitives.Dot(y, p), ap, ap);
            }

            var curvature = TensorPrimitives.Dot(p, ap);
            if (!(curvature > 0f))
            {
                return;
            }

            var stepSize = residual / curvature;
            TensorPrimitives.MultiplyAdd(p, stepSize, x, x);
            TensorPrimitives.MultiplyAdd(ap, -stepSize, r, r);
            var next = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, next / residual, r, p);
            residual = next;
        }
    }
}
