using System.Globalization;

namespace Tailor.Segments;

/// <summary>A short label for a segment, from how active its users are against everyone, its leading categories and
/// when it is active: "frequent Drama/Thriller, evenings", "occasional, broad taste, weekends".</summary>
public static class SegmentLabel
{
    /// <summary>Categories whose mean share is at least this name the segment.</summary>
    public const double CategoryShareFloor = 0.15;

    public static string For(double meanEvents, double overallMeanEvents, IReadOnlyList<(string Category, double Share)> categories, string peakTime, double weekendShare)
    {
        var ratio = overallMeanEvents <= 0 ? 1 : meanEvents / overallMeanEvents;
        var activity = ratio >= 1.5 ? "frequent" : ratio <= 0.6 ? "occasional" : "regular";
        var named = categories.Where(c => c.Share >= CategoryShareFloor).Take(2).Select(c => c.Category).ToArray();
        var taste = named.Length == 0 ? (categories.Count == 0 ? null : "broad taste") : string.Join('/', named);
        var time = weekendShare >= 0.45 ? "weekends" : peakTime;
        var label = taste is null ? activity : string.Create(CultureInfo.InvariantCulture, $"{activity} {taste}");
        return time.Length == 0 ? label : $"{label}, {time}";
    }
}
