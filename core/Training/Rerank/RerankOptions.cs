namespace Tailor.Training.Rerank;

/// <summary>Settings of <see cref="RerankTrainer"/>.</summary>
/// <param name="Candidates">Items per user the ranker re-orders.</param>
/// <param name="ValidationFraction">Share of each user's interactions held out to train the ranker.</param>
/// <param name="Seed">Seed of that split and of LightGBM.</param>
/// <param name="Leaves">LightGBM leaves per tree.</param>
/// <param name="Iterations">LightGBM boosting rounds.</param>
/// <param name="LearningRate">LightGBM learning rate.</param>
/// <param name="MaxTrainingUsers">The ranker learns from at most this many users (a seeded sample), which
/// bounds its rows at users × candidates.</param>
public sealed record RerankOptions(
    int Candidates = 50,
    double ValidationFraction = 0.25,
    int Seed = 42,
    int Leaves = 15,
    int Iterations = 100,
    double LearningRate = 0.05,
    int MaxTrainingUsers = 5_000);
