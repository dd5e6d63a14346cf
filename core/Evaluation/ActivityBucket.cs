namespace Tailor.Evaluation;

/// <summary>Metrics of the users whose training history length lies in [<paramref name="MinInteractions"/>,
/// <paramref name="MaxInteractions"/>] (inclusive; <see cref="int.MaxValue"/> for the open last bucket).</summary>
public sealed record ActivityBucket(int MinInteractions, int MaxInteractions, MetricSet Metrics);
