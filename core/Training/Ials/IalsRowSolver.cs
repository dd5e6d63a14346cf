using System.Numerics.Tensors;
using Tailor.Numerics;

namespace Tailor.Training.Ials;

/// <summary>
/// Solves one row's weighted least-squares problem with the other side's factors Y fixed:
/// (YᵀY + λI + Σᵢ eᵢ yᵢ yᵢᵀ) x = Σᵢ (1 + eᵢ) yᵢ, where eᵢ = cᵢ − 1 is the excess confidence.
/// The regularized Gram passed in is always YᵀY + λI (full, k × k); a row may add <c>extraRegularization</c>
/// to its diagonal (frequency-scaled regularization).
/// </summary>
internal static class IalsRowSolver
{
    /// <summary>Rows gathered per rank-update block in <see cref="SolveExact"/>.</summary>
    public const int ExactBlockRows = 16;

    /// <summary>Exact solve by Cholesky. <paramref name="a"/> is k × k scratch and <paramref name="block"/>
    /// <see cref="ExactBlockRows"/> × k scratch; the result goes to <paramref name="x"/>.</summary>
    public static void SolveExact(
        ReadOnlySpan<float> regularizedGram,
        ReadOnlySpan<float> fixedFactors,
        int k,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> excess,
        float extraRegularization,
        Span<float> a,
        Span<float> block,
        Span<float> x)
    {
        regularizedGram[..(k * k)].CopyTo(a);
        for (var d = 0; d < k; d++)
        {
            a[(d * k) + d] += extraRegularization;
        }

        x = x[..k];
        x.Clear();

        // A += Σ e y yᵀ as blocks of rows √e·y; b = Σ (1 + e) y.
        for (var start = 0; start < columns.Length; start += ExactBlockRows)
        {
            var count = Math.Min(ExactBlockRows, columns.Length - start);
            for (var n = 0; n < count; n++)
            {
                var y = fixedFactors.Slice(columns[start + n] * k, k);
                var e = excess[start + n];
                TensorPrimitives.Multiply(y, MathF.Sqrt(e), block.Slice(n * k, k));
                TensorPrimitives.MultiplyAdd(y, 1f + e, x, x);
            }

            DenseKernels.AddGramLower(block[..(count * k)], count, k, a);
        }

        if (!Cholesky.Factor(a, k))
        {
            Throw.NotPositiveDefinite();
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
        float extraRegularization,
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

        // r = b − A x = −(YᵀY + λI + δI) x + Σᵢ (1 + eᵢ − eᵢ yᵢ·x) yᵢ
        DenseKernels.MatVec(regularizedGram, k, k, x, r);
        TensorPrimitives.MultiplyAdd(x, extraRegularization, r, r);
        TensorPrimitives.Negate(r, r);
        SparseKernels.AddConfidenceResiduals(fixedFactors, k, columns, excess, x, r);

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
            TensorPrimitives.MultiplyAdd(p, extraRegularization, ap, ap);
            SparseKernels.AddProjections(fixedFactors, k, columns, excess, p, ap);

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
