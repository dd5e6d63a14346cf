using Tailor.Evaluation.Tuning;

namespace Tailor.Evaluation;

/// <summary>Outcome of <see cref="OfflineEvaluation"/>: test metrics, the tuner's choice and trials, timings,
/// and the top-k list of every evaluated test user (external ids, best first).</summary>
/// <param name="Metrics">Metrics on the test events.</param>
/// <param name="Tuning">The tuner's choice, final model and every validation trial.</param>
/// <param name="TrainingSeconds">Tuning plus the final fit.</param>
/// <param name="ScoringSeconds">Ranking the top k for every test user.</param>
/// <param name="Predictions">One entry per evaluated test user.</param>
/// <param name="TestEventsIgnored">Test events of users absent from the training file (cold users cannot be evaluated).</param>
public sealed record OfflineEvaluationResult(
    MetricSet Metrics,
    TuningResult Tuning,
    double TrainingSeconds,
    double ScoringSeconds,
    IReadOnlyList<UserRecommendations> Predictions,
    int TestEventsIgnored);

/// <summary>A user's recommendation list by external ids, best first.</summary>
public sealed record UserRecommendations(string UserId, IReadOnlyList<string> ItemIds);
