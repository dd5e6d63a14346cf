namespace Tailor.Evaluation;

/// <summary>Metrics of one slice of the evaluated users (a segment, or a bucket of training-history length): the
/// candidate's and the popularity baseline's on the holdout, the candidate blended with its segment's popular items
/// for light users (<see cref="Blended"/>, when segments exist), and the serving model's on the holdout interactions
/// new since its data (<see cref="Current"/>, when a model serves).</summary>
public sealed record SliceMetrics(string Slice, string Label, MetricSet Candidate, MetricSet Popularity)
{
    public MetricSet? Blended { get; init; }

    public MetricSet? Current { get; init; }
}
