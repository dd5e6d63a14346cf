namespace Tailor.Serving;

/// <summary>How a caller shapes one list of recommendations. Every strategy (personalized, session, similar,
/// popular) honours every field: <see cref="ItemRanking"/> applies one candidate mask (seen, excluded,
/// unavailable and out-of-category items) before ranking. The HTTP boundary validates the fields against the
/// limits below; inside the core they are trusted.</summary>
public sealed record RecommendationRequest
{
    /// <summary>Largest <see cref="Offset"/> + <see cref="Count"/>: how deep a caller may page.</summary>
    public const int MaxWindow = 500;

    /// <summary>Most item ids one request may exclude.</summary>
    public const int MaxExclude = 1000;

    /// <summary>Most categories one request may name.</summary>
    public const int MaxCategories = 50;

    public const float MinDiversity = 0f;
    public const float MaxDiversity = 1f;

    /// <summary>How many items to return (at least 1).</summary>
    public int Count { get; init; } = 10;

    /// <summary>How many of the best items to skip: page 2 of ten is <c>Offset = 10, Count = 10</c>.</summary>
    public int Offset { get; init; }

    /// <summary>Keep only items in at least one of these catalog categories; empty keeps every category.
    /// Needs a loaded catalog (<see cref="IItemCatalog"/>); without one the answer is <see cref="ServingStatus.NoCatalog"/>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Item ids never to return; ids the model does not know are ignored.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Leave out items the catalog marks unavailable (no effect while no catalog is loaded).</summary>
    public bool AvailableOnly { get; init; } = true;

    /// <summary>Attach to each item the history items that contributed most to its score.</summary>
    public bool Explain { get; init; }

    /// <summary>λ of maximal marginal relevance, from 0 (plain ranking) to 1 (similarity to the items
    /// already chosen dominates).</summary>
    public float Diversity { get; init; }

    /// <summary>How many ranked items the request needs before the offset is skipped.</summary>
    public int Window => Offset + Count;

    private static readonly RecommendationRequest?[] s_top = new RecommendationRequest?[MaxWindow + 1];

    /// <summary>The plain top <paramref name="count"/>, no filter, no explanation; one shared instance per count up
    /// to <see cref="MaxWindow"/> (a request is immutable), so the common request allocates nothing.</summary>
    public static RecommendationRequest Top(int count) =>
        count is >= 0 and <= MaxWindow ? s_top[count] ??= new() { Count = count } : new() { Count = count };
}
