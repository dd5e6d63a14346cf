using System.ComponentModel.DataAnnotations;

namespace Tailor.Events;

/// <summary>
/// How event files are read and weighted (configuration section <c>Tailor:Events</c>).
/// </summary>
/// <remarks>
/// <para><b>Weights.</b> Every accepted event gets a confidence weight from <see cref="Weights"/> by its
/// (lowercase) event type: by default view 1, click 2, like 3, add_to_cart 4, purchase 8. The
/// <see cref="RatingEventType"/> (<c>rating</c>) is special: its weight is the rating value when the row
/// carries one (it must then be positive), and the configured weight (default 1) otherwise.</para>
/// <para><b>Event types.</b> The keys of <see cref="Weights"/> are the known event types; a row with any
/// other type is quarantined. Add a key to accept a new type.</para>
/// </remarks>
public sealed record EventOptions
{
    public const string Section = "Tailor:Events";

    /// <summary>Known event types (case-insensitive) and their confidence weights (positive, finite).</summary>
    [Required, MinLength(1)]
    public Dictionary<string, float> Weights { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["view"] = 1f,
        ["click"] = 2f,
        ["like"] = 3f,
        ["add_to_cart"] = 4f,
        ["purchase"] = 8f,
        ["rating"] = 1f,
    };

    /// <summary>The event type whose weight is the row's value (MovieLens-style explicit ratings).</summary>
    [Required]
    public string RatingEventType { get; init; } = "rating";

    /// <summary>The event type given to rows of a file that has neither an event type column nor a
    /// <c>rating</c> column (a plain <c>user,item,timestamp</c> file of implicit feedback).</summary>
    [Required]
    public string DefaultEventType { get; init; } = "view";

    /// <summary>A file whose share of bad rows is above this limit is rejected as a whole.</summary>
    [Range(0.0, 1.0)]
    public double MaxBadRowShare { get; init; } = 0.5;

    /// <summary>Files larger than this (bytes, as stored, compressed or not) are rejected without reading.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Decompressed content larger than this (bytes) is rejected (guards against gzip bombs).</summary>
    [Range(1L, long.MaxValue)]
    public long MaxUncompressedBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>How far in the future a timestamp may lie (clock skew allowance).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromDays(1);
}
