namespace Tailor.Content;

/// <summary>How items are described by their content and how the description is mapped into a model's item
/// space. The defaults are the product's; the cold-item bench varies <see cref="UseEmbedding"/>.</summary>
public sealed record ContentSettings
{
    /// <summary>Buckets of the hashed bag of title words.</summary>
    public int TitleBuckets { get; init; } = 64;

    /// <summary>Most tags with a feature of their own (the most frequent ones; rarer tags are ignored).</summary>
    public int MaxTags { get; init; } = 256;

    /// <summary>Warm neighbours a cold item borrows its scores from (content-kNN).</summary>
    public int Neighbors { get; init; } = 20;

    /// <summary>Most cold items a model's catalog maps (the newest first, then those without a creation time):
    /// the kNN search costs warm items × features per cold item, so this bounds a load's work.</summary>
    public int MaxColdItems { get; init; } = 2_000;

    /// <summary>λ of the ridge regression from content features to item factors.</summary>
    public float RidgeLambda { get; init; } = 1f;

    /// <summary>Add the sentence embedding of title, tags and description (needs an <see cref="ITextEmbedder"/>).</summary>
    public bool UseEmbedding { get; init; }

    /// <summary>Weights of the feature blocks, each block first scaled to unit length.</summary>
    public float CategoryWeight { get; init; } = 1f;

    public float TagWeight { get; init; } = 1f;

    public float AttributeWeight { get; init; } = 0.5f;

    public float TitleWeight { get; init; } = 0.5f;

    public float EmbeddingWeight { get; init; } = 1f;

    public static ContentSettings Default { get; } = new();
}
