using System.Diagnostics.CodeAnalysis;

namespace Tailor.Numerics;

/// <summary>Throwing code kept out of the hot kernels so they stay small and inlinable.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void SpanTooShort(string name, int required, int actual) =>
        throw new ArgumentException($"{name} needs at least {required} elements, has {actual}.", name);

    [DoesNotReturn]
    public static void NotPositiveDefinite(int row) =>
        throw new ArithmeticException($"Matrix is not positive definite (pivot {row}); increase the regularization.");
}
