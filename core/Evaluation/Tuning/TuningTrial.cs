
namespace Tailor.Evaluation.Tuning;

/// <summary>One configuration the tuner tried on the validation split.</summary>
/// <param name="Algorithm">Algorithm name (<c>ease</c>, <c>sar</c>, ..., <c>blend</c>).</param>
/// <param name="Parameters">Hyperparameters as strings, as the manifest records them.</param>
/// <param name="Validation">Metrics on the validation split, or null when the trainer refused the data.</param>
/// <param name="Seconds">Fit plus evaluation time.</param>
/// <param name="Note">Why the trial has no metrics (a refusal reason), or null.</param>
public sealed record TuningTrial(
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    MetricSet? Validation,
    double Seconds,
    string? Note = null)
{
    /// <summary>Compact one-line description, e.g. <c>ease(input=Binary, lambda=300)</c>.</summary>
    public string Describe() =>
        $"{Algorithm}({string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";
}
