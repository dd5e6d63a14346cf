using System.ComponentModel.DataAnnotations;

namespace Tailor.Evaluation.Tuning;

/// <summary>Automatic training settings (configuration section <c>Tailor:Training</c>).</summary>
public sealed record TrainingOptions
{
    public const string Section = "Tailor:Training";

    /// <summary>Wall-clock seconds the tuner may spend on validation trials; no trial starts after it is
    /// spent. The final refit on all training data comes on top.</summary>
    [Range(0.0, 86_400.0)]
    public double BudgetSeconds { get; init; } = 60;

    /// <summary>Seed of the validation split carved from the training data.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of each user's training interactions held out for validation.</summary>
    [Range(0.05, 0.5)]
    public double ValidationFraction { get; init; } = 0.25;

    /// <summary>EASE refuses larger catalogs (dense items × items model).</summary>
    [Range(1, 40_000)]
    public int MaxEaseItems { get; init; } = 20_000;

    /// <summary>List length the tuner optimises NDCG at.</summary>
    [Range(1, 1_000)]
    public int K { get; init; } = 10;

    /// <summary>Every algorithm name the tuner knows.</summary>
    public static readonly IReadOnlyList<string> KnownAlgorithms = ["popularity", "sar", "ease", "ials", "blend", "rerank"];

    /// <summary>Comma-separated algorithms the tuner may try, from <see cref="KnownAlgorithms"/> (a string,
    /// not a list, so a configured value replaces the default instead of being appended to it).</summary>
    [Required]
    public string Algorithms { get; init; } = "popularity,sar,ease,ials,blend,rerank";

    /// <summary>Validation metrics are computed on at most this many users (a seeded sample), so a trial's
    /// scoring cost stays bounded on large data.</summary>
    [Range(100, 10_000_000)]
    public int MaxValidationUsers { get; init; } = 20_000;

    /// <summary>Optional cap on the number of validation trials (null: only the time budget limits).</summary>
    [Range(1, 10_000)]
    public int? MaxTrials { get; init; }

    public IReadOnlyList<string> EnabledAlgorithms =>
        Algorithms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Enables(string algorithm) => EnabledAlgorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase);
}
