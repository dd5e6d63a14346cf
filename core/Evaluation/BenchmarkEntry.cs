using Tailor.Splits;

namespace Tailor.Evaluation;

/// <summary>One algorithm configuration's result in <see cref="AlgorithmBenchmark"/>.</summary>
/// <param name="Name">Row label, e.g. <c>ease (default)</c> or <c>tuned</c>.</param>
/// <param name="Algorithm">Algorithm name of the fitted model.</param>
/// <param name="Parameters">Hyperparameters as strings.</param>
/// <param name="Metrics">Test metrics, or null when the trainer refused the data.</param>
/// <param name="TrainingSeconds">Fit time (for <c>tuned</c>: tuning plus the final fit).</param>
/// <param name="ScoringSeconds">Ranking the top k for every test user.</param>
/// <param name="AllocatedBytes">Managed bytes allocated while training.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set after this entry (monotone over a run).</param>
/// <param name="Note">Refusal reason or remark.</param>
public sealed record BenchmarkEntry(
    string Name,
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    MetricSet? Metrics,
    double TrainingSeconds,
    double ScoringSeconds,
    long AllocatedBytes,
    long PeakWorkingSetBytes,
    string? Note = null);

/// <summary>All entries of one benchmark run on one split.</summary>
public sealed record BenchmarkReport(
    SplitKind Split,
    int K,
    int Users,
    int Items,
    int TrainInteractions,
    int TestInteractions,
    IReadOnlyList<BenchmarkEntry> Entries);
