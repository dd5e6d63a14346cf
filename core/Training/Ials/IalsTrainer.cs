using System.Numerics.Tensors;
using Tailor.Interactions;
using Tailor.Numerics;

namespace Tailor.Training.Ials;

/// <summary>
/// Implicit alternating least squares (Hu, Koren and Volinsky 2008): every epoch solves all item factors
/// with the user factors fixed, then all user factors with the item factors fixed. Rows are solved in
/// parallel; each row depends only on fixed inputs, so the result is identical for any thread count.
/// </summary>
public sealed class IalsTrainer : IRecommenderTrainer
{
    /// <summary>Rows per parallel work item: small enough to balance heavy-tailed rows over cores.</summary>
    private const int RowsPerBlock = 32;

    /// <summary>Rows per partial Gram; a fixed partition keeps the sum's rounding independent of threads.</summary>
    private const int RowsPerGramChunk = 4096;

    private readonly IalsOptions _options;

    public IalsTrainer(IalsOptions options)
    {
        options.Validate();
        _options = options;
    }

    public string Algorithm => IalsRecommender.Name;

    public IalsOptions Options => _options;

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default) =>
        FitFactors(train, cancellationToken);

    /// <summary>Same as <see cref="Fit"/>, typed.</summary>
    public IalsRecommender FitFactors(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var k = _options.Factors;
        var users = train.UserCount;
        var items = train.ItemCount;

        // Rows hold the excess confidence c − 1 instead of the raw weight; the transpose shares that.
        var excess = new float[train.NonZeroCount];
        var weights = train.Values;
        for (var n = 0; n < excess.Length; n++)
        {
            excess[n] = _options.ExcessConfidence(weights[n]);
        }

        var byUser = new InteractionMatrix(users, items, train.RowOffsets, train.Columns, excess);
        var byItem = byUser.Transpose();

        var userFactors = new float[users * k];
        var itemFactors = new float[items * k];
        InitialFactors(_options, userFactors, itemFactors);

        var gram = new float[k * k];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.Threads == 0 ? -1 : _options.Threads,
            CancellationToken = cancellationToken,
        };

        var hasItemGram = false;
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            ParallelGram(userFactors, users, k, gram, parallel);
            SolveSide(byItem, userFactors, itemFactors, gram, parallel);
            ParallelGram(itemFactors, items, k, gram, parallel);
            hasItemGram = true;
            SolveSide(byUser, itemFactors, userFactors, gram, parallel);
        }

        if (!hasItemGram)
        {
            ParallelGram(itemFactors, items, k, gram, parallel);
        }

        return new IalsRecommender(_options, users, items, userFactors, itemFactors, gram);
    }

    /// <summary>Seeded normal initialisation of both factor matrices (users first, then items).</summary>
    internal static void InitialFactors(IalsOptions options, Span<float> userFactors, Span<float> itemFactors)
    {
        var random = new Random(options.Seed);
        FillNormal(random, options.InitialScale, userFactors);
        FillNormal(random, options.InitialScale, itemFactors);
    }

    private static void FillNormal(Random random, float scale, Span<float> target)
    {
        // Box–Muller, two values per pair of uniforms.
        for (var i = 0; i < target.Length; i += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            target[i] = (float)(radius * Math.Cos(2.0 * Math.PI * u2)) * scale;
            if (i + 1 < target.Length)
            {
                target[i + 1] = (float)(radius * Math.Sin(2.0 * Math.PI * u2)) * scale;
            }
        }
    }

    /// <summary>YᵀY in fixed chunks summed in order (deterministic for any thread count).</summary>
    internal static void ParallelGram(float[] factors, int rowCount, int k, float[] gram, ParallelOptions parallel)
    {
        var chunks = Math.Max(1, (rowCount + RowsPerGramChunk - 1) / RowsPerGramChunk);
        var partials = new float[chunks * k * k];
        Parallel.For(0, chunks, parallel, chunk =>
        {
            var start = chunk * RowsPerGramChunk;
            var count = Math.Min(RowsPerGramChunk, rowCount - start);
            if (count > 0)
            {
                DenseKernels.AddGramLower(factors.AsSpan(start * k, count * k), count, k, partials.AsSpan(chunk * k * k, k * k));
            }
        });

        var target = gram.AsSpan(0, k * k);
        partials.AsSpan(0, k * k).CopyTo(target);
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            TensorPrimitives.Add(target, partials.AsSpan(chunk * k * k, k * k), target);
        }

        DenseKernels.MirrorLower(target, k);
    }

    private void SolveSide(InteractionMatrix rows, float[] fixedFactors, float[] solvedFactors, float[] gram, ParallelOptions parallel)
    {
        var k = _options.Factors;
        var regularized = (float[])gram.Clone();
        for (var d = 0; d < k; d++)
        {
            regularized[(d * k) + d] += _options.Regularization;
        }

        var blocks = (rows.UserCount + RowsPerBlock - 1) / RowsPerBlock;
        var exact = _options.Solver == IalsSolver.Cholesky;
        var steps = _options.ConjugateGradientSteps;
        var fixedCount = rows.ItemCount;
        Parallel.For(
            0,
            blocks,
            parallel,
            () => new float[(k * k) + (IalsRowSolver.ExactBlockRows * k)],
            (block, _, scratch) =>
            {
                var end = Math.Min(rows.UserCount, (block + 1) * RowsPerBlock);
                for (var row = block * RowsPerBlock; row < end; row++)
                {
                    var x = solvedFactors.AsSpan(row * k, k);
                    var columns = rows.ItemsOf(row);
                    var excess = rows.WeightsOf(row);
                    var extra = _options.ExtraRegularization(excess, fixedCount);
                    if (exact)
                    {
                        IalsRowSolver.SolveExact(
                            regularized, fixedFactors, k, columns, excess, extra,
                            scratch.AsSpan(0, k * k), scratch.AsSpan(k * k, IalsRowSolver.ExactBlockRows * k), x);
                    }
                    else
                    {
                        IalsRowSolver.SolveConjugateGradient(
                            regularized, fixedFactors, k, columns, excess, extra, steps, x,
                            scratch.AsSpan(0, k), scratch.AsSpan(k, k), scratch.AsSpan(2 * k, k));
                    }
                }

                return scratch;
            },
            _ => { });
    }
}
