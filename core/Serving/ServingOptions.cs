using System.ComponentModel.DataAnnotations;

namespace Tailor.Serving;

/// <summary>Settings of the recommendation API (section <c>Tailor:Serving</c>), validated at start-up.</summary>
public sealed record ServingOptions : IValidatableObject
{
    public const string Section = "Tailor:Serving";

    /// <summary>How often (at most) a process checks <c>current.json</c> for a newly promoted model, and the published
    /// current catalog for a newer one.</summary>
    [Range(1, 86_400)]
    public int RefreshSeconds { get; init; } = 30;

    /// <summary>Largest <c>count</c> a request may ask for.</summary>
    [Range(1, 10_000)]
    public int MaxCount { get; init; } = 100;

    /// <summary><c>count</c> when a request gives none.</summary>
    [Range(1, 10_000)]
    public int DefaultCount { get; init; } = 10;

    /// <summary>How many days after its catalog <c>created</c> time an item counts as new: a fallback explains it as
    /// <c>new in …</c>. 0 turns the reason off.</summary>
    [Range(0, 3_650)]
    public int NewItemDays { get; init; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultCount > MaxCount)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(DefaultCount)} ({DefaultCount}) must not exceed {nameof(MaxCount)} ({MaxCount}).",
                [nameof(DefaultCount)]);
        }
    }
}
