using Tailor.Catalog;

namespace Tailor.Models;

/// <summary>What a model version is and how it was made (<c>models/&lt;version&gt;/manifest.json</c>).
/// The training pipeline fills it; serving and the HTTP API only read it.</summary>
public sealed record ModelManifest(
    string Version,
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    DataSnapshotInfo Data,
    IReadOnlyDictionary<string, double> TimingsSeconds,
    DateTimeOffset CreatedUtc,
    IReadOnlyList<TrialRecord> Trials,
    IReadOnlyList<string> Notes)
{
    /// <summary>The item catalog snapshot taken with the data; null when the run had none (older manifests).</summary>
    public CatalogSnapshotInfo? Catalog { get; init; }

    /// <summary>Users forgotten (tombstones recorded) up to this time are not in the version's data, model or
    /// profiles; null on versions made before erasure existed (treated as holding every forgotten user).</summary>
    public DateTimeOffset? ForgottenAsOf { get; init; }
}

/// <summary>The training data snapshot a model was fitted on.</summary>
public sealed record DataSnapshotInfo(string BlobName, int Users, int Items, long Interactions);

/// <summary>One tuning trial: an algorithm with fixed parameters and its score on the validation split.</summary>
public sealed record TrialRecord(string Algorithm, IReadOnlyDictionary<string, string> Parameters, double ValidationNdcg, double Seconds, string? Note = null);
