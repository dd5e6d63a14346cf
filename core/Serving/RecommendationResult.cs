using Tailor.Evaluation;

namespace Tailor.Serving;

/// <summary>How a list of recommendations was produced; the API returns it so callers can tell a
/// personalised answer from a fallback.</summary>
public static class RecommendationStrategy
{
    /// <summary>Scored by the model from the user's own history.</summary>
    public const string Personalized = "personalized";

    /// <summary>Popularity: an unknown user, a session with no known item, or a popularity model serving.</summary>
    public const string Popular = "popular";

    /// <summary>Scored by the model from an anonymous session's items.</summary>
    public const string Session = "session";

    /// <summary>Items whose scores rise most when the given item is the whole history.</summary>
    public const string Similar = "similar";
}

public sealed record ScoredItem(string ItemId, float Score);

public sealed record RecommendationResult(string ModelVersion, string Strategy, IReadOnlyList<ScoredItem> Items);

/// <summary>What is serving now: the pointer, the manifest's key facts and the candidate's metrics.</summary>
public sealed record CurrentModelInfo(
    string Version,
    string Algorithm,
    DateTimeOffset PromotedUtc,
    string Reason,
    DateTimeOffset? CreatedUtc,
    IReadOnlyDictionary<string, string>? Parameters,
    int Users,
    int Items,
    int? K,
    MetricSet? Metrics);
