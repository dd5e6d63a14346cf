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

        var halfLife = options.HalfLifeDays.Trim();
        var isNamed = string.Equals(halfLife, TrainingOptions.HalfLifeOff, StringComparison.OrdinalIgnoreCase) || options.SearchesHalfLife;
        if (!isNamed && options.FixedHalfLifeDays is not (> 0 and <= TrainingOptions.MaxHalfLifeDays))
        {
            return ValidateOptionsResult.Fail(
                $"{TrainingOptions.Section}:{nameof(TrainingOptions.HalfLifeDays)} is '{options.HalfLifeDays}'; expected {TrainingOptions.HalfLifeOff}, {TrainingOptions.HalfLifeAuto} or a number of days above 0 and at most {TrainingOptions.MaxHalfLifeDays:0}.");
        }

        return options.EnabledAlgorithms.Count == 0
            ? ValidateOptionsResult.Fail($"{TrainingOptions.Section}:{nameof(TrainingOptions.Algorithms)} enables no algorithm.")
            : ValidateOptionsResult.Success;
    }
}
