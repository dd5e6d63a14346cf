namespace Tailor.Pipeline;

/// <summary>
/// What one evaluation shard hands the reduce (<see cref="RunBlobs.EvaluationShard"/>): for the holdout users with
/// indices in [<see cref="From"/>, <see cref="To"/>), the metric sums of the candidate, the popularity baseline and
/// the candidate's segment blend on the holdout, and, when a model serves, of that model and the candidate on the
/// holdout interactions new since its data; with the serving version (and pointer ETag) the shard compared against.
/// </summary>
public sealed record EvaluationSums(
    int From,
    int To,
    int ItemCount,
    double Seconds,
    SlicedSums Candidate,
    SlicedSums Popularity,
    SlicedSums? Blended,
    string? CurrentVersion,
    string? CurrentETag,
    long NewInteractions,
    SlicedSums? Current,
    SlicedSums? CandidateOnNew);
