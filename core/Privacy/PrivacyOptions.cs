using System.ComponentModel.DataAnnotations;

namespace Tailor.Privacy;

/// <summary>Settings of forgetting and erasure (section <c>Tailor:Privacy</c>), validated at start-up.</summary>
public sealed record PrivacyOptions
{
    public const string Section = "Tailor:Privacy";

    /// <summary>How often (at most) a process reloads the forgotten users that other instances recorded.</summary>
    [Range(1, 86_400)]
    public int RefreshSeconds { get; init; } = 30;
}
