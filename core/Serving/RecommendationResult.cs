using System.Text.Json.Serialization;
using Tailor.Evaluation;
using Tailor.Feedback;

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

    /// <summary>Popularity over the recent window (<c>Tailor:Training:TrendingDays</c>): the fallback for unknown users and
    /// sessions when the model's data had timestamps reaching back past the window.</summary>
    public const string Trending = "trending";

    /// <summary>Items most like a cold item (one the model has no interactions for) by content: categories, tags,
    /// attributes, title words.</summary>
    public const string Content = "content";

    /// <summary>A light user (fewer interactions than <c>Tailor:Serving:LightUserThreshold</c>): the model's list
    /// blended with the popular items of the user's segment.</summary>
    public const string Segment = "segment";

    /// <summary>Scored by the model from the fresh events of a user it was not trained on (events posted or
    /// ingested since its snapshot).</summary>
    public const string Fresh = "fresh";
}

/// <summary>One recommended item. With <see cref="RecommendationRequest.Explain"/>, <see cref="Because"/> lists the
/// history items that raised its score most (empty for a fallback, which gives a <see cref="Reason"/> instead).</summary>
public sealed record ScoredItem(string ItemId, float Score)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HistoryContribution>? Because { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}

/// <summary>A history (or session) item behind a recommendation, and its share: its term of the score over the
/// sum of every positive term (so the shares of all contributing history items add up to 1).</summary>
public sealed record HistoryContribution(string ItemId, float Share);

/// <summary>A served list. <see cref="RecommendationId"/> names it (callers send it back with the events it led to,
/// and the impressions store records it); <see cref="Variant"/> is <c>champion</c> or <c>challenger</c>.</summary>
public sealed record RecommendationResult(string ModelVersion, string Strategy, IReadOnlyList<ScoredItem> Items)
{
    public string RecommendationId { get; init; } = "";

    public string Variant { get; init; } = Variants.Champion;

    /// <summary>The user's segment in the serving model (null when it has none for them); recorded with the
    /// impression, not sent.</summary>
    [JsonIgnore]
    public string? Segment { get; init; }
}

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
