namespace Tailor.Training.Ials;

/// <summary>How an interaction weight w becomes a confidence c.</summary>
public enum IalsConfidence
{
    /// <summary>c = 1 + Alpha · w (Hu, Koren and Volinsky).</summary>
    Linear,

    /// <summary>c = 1 + Alpha · log(1 + w / LogEpsilon), for heavy-tailed counts.</summary>
    Log,
}

/// <summary>How each row's k × k least-squares system is solved.</summary>
public enum IalsSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the previous factor (Takács et al.);
    /// O(k² + n·k) per step instead of O(n·k² + k³).</summary>
    ConjugateGradient,

    /// <summary>Exact solve: assemble the system and factor it by Cholesky.</summary>
    Cholesky,
}

/// <summary>Hyperparameters of implicit alternating least squares. The defaults (λ 30, α 1, logarithmic
/// confidence) hold up on summed event weights in the thousands, where linear α = 10 gives extreme
/// confidences; the tuner searches its own values.</summary>
/// <param name="Factors">Latent dimension k.</param>
/// <param name="Regularization">λ added to the diagonal of every row's system.</param>
/// <param name="Alpha">Confidence slope.</param>
/// <param name="Epochs">Full passes (items step, then users step).</param>
/// <param name="Seed">Seed of the factor initialisation; equal seeds give identical models.</param>
/// <param name="Threads">Degree of parallelism; 0 uses every core. Results do not depend on it.</param>
/// <param name="Confidence">Linear or logarithmic confidence.</param>
/// <param name="LogEpsilon">Scale of the logarithmic confidence.</param>
/// <param name="Solver">Conjugate gradient (default, fast) or exact Cholesky.</param>
/// <param name="ConjugateGradientSteps">CG steps per row and half-epoch.</param>
/// <param name="InitialScale">Standard deviation of the normal initialisation.</param>
/// <param name="RegularizationExponent">ν of frequency-scaled regularization (Rendle et al. 2021): a row whose
/// excess confidences sum to S, against M rows on the other side, is regularized by λ·(1 + S/M)^ν. 0 keeps λ for every row.</param>
public sealed record IalsOptions(
    int Factors = 64,
    float Regularization = 30f,
    float Alpha = 1f,
    int Epochs = 15,
    int Seed = 42,
    int Threads = 0,
    IalsConfidence Confidence = IalsConfidence.Log,
    float LogEpsilon = 1f,
    IalsSolver Solver = IalsSolver.ConjugateGradient,
    int ConjugateGradientSteps = 3,
    float InitialScale = 0.01f,
    float RegularizationExponent = 0f)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Factors, 1, nameof(Factors));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Regularization, nameof(Regularization));
        ArgumentOutOfRangeException.ThrowIfNegative(Alpha, nameof(Alpha));
        ArgumentOutOfRangeException.ThrowIfNegative(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegative(Threads, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LogEpsilon, nameof(LogEpsilon));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConjugateGradientSteps, 1, nameof(ConjugateGradientSteps));
        ArgumentOutOfRangeException.ThrowIfNegative(InitialScale, nameof(InitialScale));
        ArgumentOutOfRangeException.ThrowIfNegative(RegularizationExponent, nameof(RegularizationExponent));
        if (!Enum.IsDefined(Confidence))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Unknown confidence scaling.");
        }

        if (!Enum.IsDefined(Solver))
        {
            throw new ArgumentOutOfRangeException(nameof(Solver), Solver, "Unknown solver.");
        }
    }

    /// <summary>What a row adds to λ on its diagonal: λ·((1 + Σ excess / <paramref name="otherSideCount"/>)^ν − 1).</summary>
    internal float ExtraRegularization(ReadOnlySpan<float> excess, int otherSideCount)
    {
        if (RegularizationExponent == 0f || excess.IsEmpty)
        {
            return 0f;
        }

        var mass = System.Numerics.Tensors.TensorPrimitives.Sum(excess) / Math.Max(1, otherSideCount);
        return Regularization * (MathF.Pow(1f + mass, RegularizationExponent) - 1f);
    }

    /// <summary>c − 1 for an interaction of weight <paramref name="weight"/>.</summary>
    internal float ExcessConfidence(float weight) => Confidence == IalsConfidence.Log
        ? Alpha * MathF.Log(1f + (weight / LogEpsilon))
        : Alpha * weight;
}
