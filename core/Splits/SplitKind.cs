namespace Tailor.Splits;

/// <summary>Which offline split a benchmark uses (all hold out 25%).</summary>
public enum SplitKind
{
    /// <summary>Per-user stratified random, seed 42 (the judged protocol).</summary>
    Random,

    /// <summary>Each user's latest interactions.</summary>
    Temporal,

    /// <summary>One global time cutoff.</summary>
    Cutoff,
}
