namespace Tailor.Training;

/// <summary>A model whose score for an item splits into one term per history item, so serving can say which
/// of the user's items an item is there because of. Called only when a request asks for explanations.</summary>
public interface IExplainableRecommender : IRecommender
{
    /// <summary>Writes into <paramref name="into"/>[h] how much history item <paramref name="items"/>[h] (with
    /// <paramref name="weights"/>[h]) contributes to <paramref name="item"/>'s score for <paramref name="user"/>
    /// (-1 for a session), in the model's own units; larger is a stronger reason.</summary>
    void Contributions(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int item, Span<float> into);
}

/// <summary>A model that can say how alike two items are, for diversity re-ranking.</summary>
public interface IItemSimilarity
{
    /// <summary>How alike items <paramref name="a"/> and <paramref name="b"/> are, symmetric, from -1 to 1
    /// (1 for the most alike pairs the model knows).</summary>
    float Similarity(int a, int b);
}
