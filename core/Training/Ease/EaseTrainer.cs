using System.Globalization;
using System.Numerics.Tensors;
using Tailor.Interactions;

namespace Tailor.Training.Ease;

/// <summary>
/// EASE^R (Steck, 2019): a closed-form item-to-item linear model. With G = XᵀX + λI and P = G⁻¹,
/// the weights are B = I − P·diag(1/diag(P)), i.e. B[i,j] = −P[i,j] / P[j,j] and a zero diagonal.
/// </summary>
public sealed class EaseTrainer(EaseOptions options) : IRecommenderTrainer
{
    public EaseTrainer()
        : this(new EaseOptions())
    {
    }

    public string Algorithm => EaseRecommender.Name;

    public EaseOptions Options => options;

    /// <summary>Why this trainer would refuse <paramref name="itemCount"/> items, or null when it accepts them.</summary>
    public string? RefusalReason(int itemCount) =>
        itemCount > options.MaxItems
            ? string.Create(CultureInfo.InvariantCulture, $"EASE needs a dense {itemCount} × {itemCount} matrix; the catalog exceeds the configured limit of {options.MaxItems} items (Tailor:Training:MaxEaseItems).")
            : null;

    /// <summary>A bound on the inversion's time that needs no timing: its 2n³ floating-point operations at
    /// <see cref="SlowestFlopsPerSecond"/>. When even this fits the budget, <see cref="EstimateFitSeconds"/> need not
    /// spend its probe (two inversions of 1024 items, about as long as a whole fit on a few thousand items).</summary>
    public static double SlowestFitSeconds(int itemCount)
    {
        var n = (double)itemCount;
        return 2 * n * n * n / SlowestFlopsPerSecond;
    }

    /// <summary>1 GFLOP/s: one core without vector units does several times this; the blocked inversion on two
    /// cores with AVX2 does about 30 times this.</summary>
    private const double SlowestFlopsPerSecond = 1e9;

    /// <summary>Rough fit time for <paramref name="itemCount"/> items on this machine: a small inversion is
    /// timed once per process and scaled by n³ (the Gram matrix and scoring are not counted).</summary>
    public static double EstimateFitSeconds(int itemCount)
    {
        if (itemCount <= ProbeSize)
        {
            return 0;
        }

        var ratio = (double)itemCount / ProbeSize;
        return s_probeSeconds.Value * ratio * ratio * ratio;
    }

    private const int ProbeSize = 1024;

    private static readonly Lazy<double> s_probeSeconds = new(() =>
    {
        // Best of two: the first run also pays for JIT compilation and thread-pool start-up.
        var best = double.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            best = Math.Min(best, TimeProbeInversion(ProbeSize));
        }

        return best;
    });

    private static double TimeProbeInversion(int n)
    {
        var a = new float[n * n];
        var random = new Random(1);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = (float)random.NextDouble() * 0.01f;
            }

            a[(i * n) + i] = n;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        SymmetricInverse.InvertInPlace(a, n, CancellationToken.None);
        return watch.Elapsed.TotalSeconds;
    }

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        if (RefusalReason(train.ItemCount) is { } reason)
        {
            throw new TrainingRefusedException(reason);
        }

        var n = train.ItemCount;
        var x = WeightScaling.Apply(train, options.Input);
        var gram = Gram(x, cancellationToken);
        var dropout = Math.Clamp(options.Dropout, 0f, 0.95f);
        var diagonalScale = 1f + (dropout / (1f - dropout));
        for (var i = 0; i < n; i++)
        {
            var at = ((long)i * n) + i;
            gram[at] = (gram[at] * diagonalScale) + options.Lambda;
        }

        SymmetricInverse.InvertInPlace(gram, n, cancellationToken);

        // B[i, j] = -P[i, j] / P[j, j], diagonal zero. Scaling columns: multiply each row by -1/diag.
        var scale = new float[n];
        for (var j = 0; j < n; j++)
        {
            scale[j] = -1f / gram[((long)j * n) + j];
        }

        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = gram.AsSpan((int)((long)i * n), n);
            TensorPrimitives.Multiply(row, scale, row);
            row[i] = 0f;
        });

        return new EaseRecommender(n, gram, options.Input);
    }

    /// <summary>Dense XᵀX (row-major), one item row per parallel task from the transpose.</summary>
    internal static float[] Gram(InteractionMatrix x, CancellationToken cancellationToken)
    {
        var n = x.ItemCount;
        var gram = new float[(long)n * n];
        var byItem = x.Transpose();
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = gram.AsSpan((int)((long)i * n), n);
            var users = byItem.ItemsOf(i);
            var weights = byItem.WeightsOf(i);
            for (var a = 0; a < users.Length; a++)
            {
                var w = weights[a];
                var items = x.ItemsOf(users[a]);
                var values = x.WeightsOf(users[a]);
                for (var b = 0; b < items.Length; b++)
                {
                    row[items[b]] += w * values[b];
                }
            }
        });
        return gram;
    }
}
