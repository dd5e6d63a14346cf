using Tailor.Interactions;

namespace Tailor.Training;

/// <summary>A trained model that scores every item for one user. Implementations are immutable and
/// safe to call from many threads at once.</summary>
public interface IRecommender
{
    /// <summary>Stable algorithm name recorded in manifests and artifacts (e.g. <c>popularity</c>, <c>sar</c>, <c>ease</c>, <c>ials</c>).</summary>
    string Algorithm { get; }

    int ItemCount { get; }

    /// <summary>Writes a score for every item into <paramref name="scores"/> (length <see cref="ItemCount"/>).
    /// <paramref name="user"/> is the user's row in the training matrix, or -1 for a user the model has not
    /// seen (an anonymous session), in which case the model works from <paramref name="items"/> and
    /// <paramref name="weights"/> (the history) alone. Callers exclude already-seen items themselves.</summary>
    void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores);

    /// <summary>Writes the model's parameters; <see cref="RecommenderFormat.Read"/> reads them back.</summary>
    void Write(BinaryWriter writer);
}

/// <summary>Fits one algorithm with fixed hyperparameters.</summary>
public interface IRecommenderTrainer
{
    string Algorithm { get; }

    IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default);
}
