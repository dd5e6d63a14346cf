using System.Numerics.Tensors;

namespace Tailor.Segments;

public sealed partial class SegmentFeatures
{
    /// <summary>
    /// These features followed by the users' latent factors, each scaled to unit length (the direction is the taste;
    /// the length mostly follows activity, which the profile features hold already), reduced to their top
    /// <paramref name="dimensions"/> principal directions (orthogonal iteration on the factors' covariance, seeded start, so deterministic). The
    /// factor block is centred and scaled as a whole, so that its total variance equals the profile block's: the
    /// interaction structure and the behaviour weigh the same, and inside the factor block the directions keep
    /// their relative variances. A profile whose user has no factor row gets the block's mean (zeros).
    /// </summary>
    public SegmentFeatures WithUserFactors(UserFactors factors, IReadOnlyList<string> userIds, int dimensions, int seed)
    {
        var rowOf = new Dictionary<string, int>(factors.Rows, StringComparer.Ordinal);
        for (var r = 0; r < factors.Rows; r++)
        {
            rowOf[factors.UserIds[r]] = r;
        }

        var f = factors.Width;
        var d = Math.Min(dimensions, f);
        factors = Normalized(factors);
        var rows = new int[Rows];
        for (var u = 0; u < Rows; u++)
        {
            rows[u] = rowOf.TryGetValue(userIds[u], out var r) ? r : -1;
        }

        var mean = new double[f];
        var present = 0;
        foreach (var r in rows)
        {
            if (r >= 0)
            {
                present++;
                var x = factors.Values.AsSpan(r * f, f);
                for (var a = 0; a < f; a++)
                {
                    mean[a] += x[a];
                }
            }
        }

        if (d <= 0 || present < 2)
        {
            return this;
        }

        for (var a = 0; a < f; a++)
        {
            mean[a] /= present;
        }

        var covariance = Covariance(factors, rows, mean, present);
        var basis = TopDirections(covariance, f, d, seed);
        var projected = new float[Rows * d];
        var centred = new double[f];
        for (var u = 0; u < Rows; u++)
        {
            if (rows[u] < 0)
            {
                continue;
            }

            var x = factors.Values.AsSpan(rows[u] * f, f);
            for (var a = 0; a < f; a++)
            {
                centred[a] = x[a] - mean[a];
            }

            for (var j = 0; j < d; j++)
            {
                projected[(u * d) + j] = (float)TensorPrimitives.Dot(centred, basis.AsSpan(j * f, f));
            }
        }

        var profileVariance = TotalVariance(Values, Rows, Width);
        var factorVariance = TotalVariance(projected, Rows, d);
        var scale = factorVariance > 1e-12 ? (float)Math.Sqrt(Math.Max(profileVariance, 1) / factorVariance) : 0f;
        var width = Width + d;
        var values = new float[Rows * width];
        for (var u = 0; u < Rows; u++)
        {
            Row(u).CopyTo(values.AsSpan(u * width, Width));
            TensorPrimitives.Multiply(projected.AsSpan(u * d, d), scale, values.AsSpan((u * width) + Width, d));
        }

        string[] names = [.. Names, .. Enumerable.Range(1, d).Select(j => $"factor direction {j}")];
        return new SegmentFeatures(values, Rows, names);
    }

    private static UserFactors Normalized(UserFactors factors)
    {
        var values = factors.Values.ToArray();
        for (var r = 0; r < factors.Rows; r++)
        {
            var row = values.AsSpan(r * factors.Width, factors.Width);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        return factors with { Values = values };
    }

    private static double[] Covariance(UserFactors factors, int[] rows, double[] mean, int present)
    {
        var f = factors.Width;
        var covariance = new double[f * f];
        var centred = new double[f];
        foreach (var r in rows)
        {
            if (r < 0)
            {
                continue;
            }

            var x = factors.Values.AsSpan(r * f, f);
            for (var a = 0; a < f; a++)
            {
                centred[a] = x[a] - mean[a];
            }

            for (var a = 0; a < f; a++)
            {
                var row = covariance.AsSpan(a * f, f);
                TensorPrimitives.MultiplyAdd(centred, centred[a], row, row);
            }
        }

        TensorPrimitives.Divide(covariance, present, covariance);
        return covariance;
    }

    /// <summary>The top <paramref name="d"/> eigenvectors of the symmetric f × f matrix, row-major (d × f), by
    /// orthogonal iteration from a seeded random start; each vector's sign makes its largest entry positive.</summary>
    private static double[] TopDirections(double[] matrix, int f, int d, int seed)
    {
        var random = new Random(seed);
        var basis = new double[d * f];
        for (var i = 0; i < basis.Length; i++)
        {
            basis[i] = random.NextDouble() - 0.5;
        }

        Orthonormalize(basis, f, d);
        var next = new double[d * f];
        for (var iteration = 0; iteration < 300; iteration++)
        {
            for (var j = 0; j < d; j++)
            {
                var v = basis.AsSpan(j * f, f);
                for (var a = 0; a < f; a++)
                {
                    next[(j * f) + a] = TensorPrimitives.Dot(matrix.AsSpan(a * f, f), v);
                }
            }

            Orthonormalize(next, f, d);
            var change = 0.0;
            for (var j = 0; j < d; j++)
            {
                change = Math.Max(change, 1 - Math.Abs(TensorPrimitives.Dot(next.AsSpan(j * f, f), basis.AsSpan(j * f, f))));
            }

            (basis, next) = (next, basis);
            if (change < 1e-10)
            {
                break;
            }
        }

        for (var j = 0; j < d; j++)
        {
            var v = basis.AsSpan(j * f, f);
            if (v[TensorPrimitives.IndexOfMaxMagnitude(v)] < 0)
            {
                TensorPrimitives.Negate(v, v);
            }
        }

        return basis;
    }

    /// <summary>Gram–Schmidt on the rows (a row that vanishes stays zero).</summary>
    private static void Orthonormalize(double[] rows, int f, int d)
    {
        for (var j = 0; j < d; j++)
        {
            var v = rows.AsSpan(j * f, f);
            for (var i = 0; i < j; i++)
            {
                var u = rows.AsSpan(i * f, f);
                TensorPrimitives.MultiplyAdd(u, -TensorPrimitives.Dot(u, v), v, v);
            }

            var norm = TensorPrimitives.Norm(v);
            if (norm > 1e-12)
            {
                TensorPrimitives.Divide(v, norm, v);
            }
            else
            {
                v.Clear();
            }
        }
    }

    private static double TotalVariance(float[] values, int rows, int width)
    {
        double total = 0;
        for (var c = 0; c < width; c++)
        {
            double sum = 0, squares = 0;
            for (var u = 0; u < rows; u++)
            {
                double v = values[(u * width) + c];
                sum += v;
                squares += v * v;
            }

            var mean = sum / Math.Max(1, rows);
            total += Math.Max(0, (squares / Math.Max(1, rows)) - (mean * mean));
        }

        return total;
    }
}
