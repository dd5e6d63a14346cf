using Tailor.Interactions;

namespace Tailor.Splits;

/// <summary>A train/test partition of one interaction matrix. Both halves keep the full user and item
/// dimensions, so indices mean the same in each. <paramref name="TrainTimestamps"/> and <paramref name="TestTimestamps"/>
/// (Unix ms, aligned with each matrix's entries) are present when the source had timestamps.</summary>
public sealed record DataSplit(InteractionMatrix Train, InteractionMatrix Test, long[]? TrainTimestamps = null, long[]? TestTimestamps = null);
