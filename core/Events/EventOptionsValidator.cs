using Microsoft.Extensions.Options;

namespace Tailor.Events;

/// <summary>Checks what data annotations cannot: every weight positive and finite, every event type a
/// short lowercase-able name, and the rating and default types among the known ones.</summary>
public sealed class EventOptionsValidator : IValidateOptions<EventOptions>
{
    public ValidateOptionsResult Validate(string? name, EventOptions options)
    {
        var failures = new List<string>();
        foreach (var (type, weight) in options.Weights)
        {
            if (string.IsNullOrWhiteSpace(type) || type.Length > 64 || type.Any(char.IsControl))
            {
                failures.Add($"{EventOptions.Section}:Weights has an invalid event type name '{type}'.");
            }

            if (!float.IsFinite(weight) || weight <= 0f)
            {
                failures.Add($"{EventOptions.Section}:Weights:{type} must be a positive finite number (was {weight}).");
            }
        }

        if (!options.Weights.ContainsKey(options.RatingEventType))
        {
            failures.Add($"{EventOptions.Section}:RatingEventType '{options.RatingEventType}' is not a key of {EventOptions.Section}:Weights.");
        }

        if (!options.Weights.ContainsKey(options.DefaultEventType))
        {
            failures.Add($"{EventOptions.Section}:DefaultEventType '{options.DefaultEventType}' is not a key of {EventOptions.Section}:Weights.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
