using System.ComponentModel.DataAnnotations;

namespace Tailor.Segments;

/// <summary>Settings of user segmentation (section <c>Tailor:Segments</c>), validated at start-up.</summary>
public sealed record SegmentOptions : IValidatableObject
{
    public const string Section = "Tailor:Segments";

    /// <summary>False skips segmentation (profiles are still built).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Smallest number of segments tried.</summary>
    [Range(2, 50)]
    public int MinK { get; init; } = 2;

    /// <summary>Largest number of segments tried; the Davies–Bouldin index on the sample picks one in between.</summary>
    [Range(2, 50)]
    public int MaxK { get; init; } = 12;

    /// <summary>At most this many users (a seeded sample) are clustered to choose k and fit the centroids; every
    /// user is then assigned to the nearest centroid.</summary>
    [Range(100, 1_000_000)]
    public int SampleSize { get; init; } = 50_000;

    /// <summary>Seed of the sample and of KMeans++ initialisation: the same profiles and seed give the same segments.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>When the trained model has users' latent factors (implicit ALS), their top this-many principal
    /// directions join the profile features (<see cref="SegmentFeatures.WithUserFactors"/>); 0 clusters on profile features only.</summary>
    [Range(0, 64)]
    public int FactorDimensions { get; init; } = 8;

    /// <summary>With fewer users than this, no segments are made.</summary>
    [Range(2, 1_000_000)]
    public int MinUsers { get; init; } = 20;

    /// <summary>Popular items kept per segment (served by <c>GET segments/{segmentId}</c> and blended for light users).</summary>
    [Range(1, 1_000)]
    public int PopularItems { get; init; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinK > MaxK)
        {
            yield return new ValidationResult($"{Section}:{nameof(MinK)} ({MinK}) must not exceed {nameof(MaxK)} ({MaxK}).", [nameof(MinK)]);
        }
    }
}
