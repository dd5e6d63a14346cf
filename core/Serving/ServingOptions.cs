using System.ComponentModel.DataAnnotations;
using Tailor.Models;

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

    /// <summary>List slots (of the first page) reserved for items created within <see cref="FreshItemDays"/>, warm or
    /// cold (scored from their content), when their predicted score clears <see cref="FreshItemScoreFloor"/>; 0 turns it off.</summary>
    [Range(0, 100)]
    public int FreshItemSlots { get; init; } = 1;

    /// <summary>How new (by the catalog's <c>created</c>) an item must be to take a fresh slot.</summary>
    [Range(1, 3650)]
    public int FreshItemDays { get; init; } = 14;

    /// <summary>The floor a fresh item's predicted score must clear: the share of the user's candidate items it must
    /// outscore (0.9: it would rank in the user's top 10 % of the catalog).</summary>
    [Range(0.0, 1.0)]
    public double FreshItemScoreFloor { get; init; } = 0.9;

    /// <summary>Add the MiniLM sentence embedding of title, tags and description to the content features of cold
    /// items (costs about 4–5 s per 1,000 catalog items at model load on two cores; off by default).</summary>
    public bool ContentEmbedding { get; init; }

    /// <summary>A second promoted version serving a share of users (section <c>Tailor:Serving:Challenger</c>); none when absent.</summary>
    public ChallengerOptions? Challenger { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Challenger is { } challenger)
        {
            if (challenger.Share is < 0 or > 1)
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(Challenger)}:{nameof(ChallengerOptions.Share)} ({challenger.Share}) must be between 0 and 1.",
                    [nameof(Challenger)]);
            }

            if (challenger.Version is { Length: > 0 } version && !ModelVersion.IsValid(version))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(Challenger)}:{nameof(ChallengerOptions.Version)} ('{version}') is not a model version name.",
                    [nameof(Challenger)]);
            }
        }

        if (DefaultCount > MaxCount)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(DefaultCount)} ({DefaultCount}) must not exceed {nameof(MaxCount)} ({MaxCount}).",
                [nameof(DefaultCount)]);
        }
    }
}

/// <summary>Champion/challenger: users whose stable hash falls below <see cref="Share"/> are served by
/// <see cref="Version"/> (a version in the models container) instead of the promoted one.</summary>
public sealed record ChallengerOptions
{
    /// <summary>The challenger's model version; empty disables the split.</summary>
    public string? Version { get; init; }

    /// <summary>Share of users (0 to 1) the challenger serves.</summary>
    public double Share { get; init; } = 0.1;
}
