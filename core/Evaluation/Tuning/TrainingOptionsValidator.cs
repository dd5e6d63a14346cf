using Microsoft.Extensions.Options;

namespace Tailor.Evaluation.Tuning;

/// <summary>Rejects unknown algorithm names in <see cref="TrainingOptions.Algorithms"/> at start-up, naming the setting.</summary>
public sealed class TrainingOptionsValidator : IValidateOptions<TrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainingOptions options)
    {
        var unknown = options.EnabledAlgorithms.Where(a => !TrainingOptions.KnownAlgorithms.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"{TrainingOptions.Section}:{nameof(TrainingOptions.Algorithms)} names unknown algorithm(s) {string.Join(", ", unknown)}; known: {string.Join(", ", TrainingOptions.KnownAlgorithms)}.");
        }

        return options.EnabledAlgorithms.Count == 0
            ? ValidateOptionsResult.Fail($"{TrainingOptions.Section}:{nameof(TrainingOptions.Algorithms)} enables no algorithm.")
            : ValidateOptionsResult.Success;
    }
}
