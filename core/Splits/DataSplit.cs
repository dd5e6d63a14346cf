using Tailor.Interactions;

namespace Tailor.Splits;

/// <summary>A train/test partition of one interaction matrix. Both halves keep the full user and item
/// dimensions, so indices mean the same in each. <paramref name="TrainTimestamps"/> (Unix ms, aligned with
/// the train matrix's entries) is present when the source had timestamps.</summary>
public sealed record DataSplit(InteractionMatrix Train, InteractionMatrix Test, long[]? TrainTimestamps = null);
