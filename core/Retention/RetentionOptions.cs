using System.ComponentModel.DataAnnotations;

namespace Tailor.Retention;

/// <summary>What retention keeps (section <c>Tailor:Retention</c>), validated at start-up.</summary>
public sealed record RetentionOptions : IValidatableObject
{
    public const string Section = "Tailor:Retention";

    /// <summary>Daily at 03:30 UTC.</summary>
    public const string DefaultSchedule = "0 30 3 * * *";

    /// <summary>When the timer function prunes: a six-field NCRONTAB expression (seconds first). The timer
    /// binds it as <c>%Tailor:Retention:Schedule%</c>, so it must be an app setting.</summary>
    [Required]
    public string Schedule { get; init; } = DefaultSchedule;

    /// <summary>Run folders (<c>runs/&lt;runId&gt;/</c> in the snapshots container) older than this are deleted,
    /// except the one whose snapshot the serving model was trained on.</summary>
    [Range(1, 3_650)]
    public int RunDays { get; init; } = 7;

    /// <summary>How many of the newest complete model versions are kept; older ones go unless they serve or
    /// were promoted by hand (pinned).</summary>
    [Range(1, 1_000)]
    public int KeepVersions { get; init; } = 10;

    /// <summary>A version folder without a manifest (a promotion that crashed) is deleted once its newest blob
    /// is older than this.</summary>
    [Range(1, 10_080)]
    public int IncompleteVersionMinutes { get; init; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Schedule is not null && Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Schedule)} ('{Schedule}') must be a six-field NCRONTAB expression, e.g. '{DefaultSchedule}'.",
                [nameof(Schedule)]);
        }
    }
}
