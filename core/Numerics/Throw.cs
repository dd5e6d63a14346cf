using System.Diagnostics.CodeAnalysis;

namespace Tailor.Numerics;

/// <summary>Throwing code kept out of the hot kernels so they stay small and inlinable.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void SpanTooShort(string name, int required, int actual) =>
        throw new ArgumentException($"{name} needs at least {required} elements, has {actual}.", name);

    [DoesNotReturn]
    public static void IndexOutOfRange(string name, int position, int value) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name}[{position}] = {value} is outside the matrix.");

    [DoesNotReturn]
    public static void NotPositiveDefinite() =>
        throw new ArithmeticException("A row's least-squares system is not positive definite; increase the regularization.");
}
