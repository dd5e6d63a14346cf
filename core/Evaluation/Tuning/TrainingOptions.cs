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

    /// <summary>Whether neighbouring trials may be fitted two at a time (the recorded trials and the choice are the
    /// same either way); off in tests that compare the two.</summary>
    internal bool PairedTrials { get; init; } = true;

    /// <summary>The <see cref="HalfLifeDays"/> value that turns recency weighting off.</summary>
    public const string HalfLifeOff = "off";

    /// <summary>The <see cref="HalfLifeDays"/> value that lets the tuner choose among <see cref="HalfLifeChoices"/> and off.</summary>
    public const string HalfLifeAuto = "auto";

    /// <summary>The half-lives (days) the tuner tries when <see cref="HalfLifeDays"/> is <c>auto</c>, besides off.</summary>
    public static readonly IReadOnlyList<double> HalfLifeChoices = [7, 30, 90, 365];

    /// <summary>Longest fixed half-life, in days.</summary>
    public const double MaxHalfLifeDays = 36_500;

    /// <summary>Exponential decay of interaction weights by age, measured back from the snapshot's latest event:
    /// <c>off</c> (the default), <c>auto</c> (the tuner compares off and <see cref="HalfLifeChoices"/> on a temporal
    /// validation split, so it can only help there), or a number of days from 0 (exclusive) to 36,500. Needs data
    /// with timestamps; without them it stays off.</summary>
    [Required]
    public string HalfLifeDays { get; init; } = HalfLifeOff;

    /// <summary>Length of the recent window (days) of the <c>trending</c> fallback, counted back from the snapshot's
    /// latest event; 0 turns trending off (unknown users then get <c>popular</c>).</summary>
    [Range(0, 3_650)]
    public int TrendingDays { get; init; } = 7;

    /// <summary>The fixed half-life in days, or null for <c>off</c> and <c>auto</c>.</summary>
    public double? FixedHalfLifeDays =>
        double.TryParse(HalfLifeDays, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : null;

    public bool SearchesHalfLife => string.Equals(HalfLifeDays.Trim(), HalfLifeAuto, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> EnabledAlgorithms =>
        Algorithms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Enables(string algorithm) => EnabledAlgorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase);
}
