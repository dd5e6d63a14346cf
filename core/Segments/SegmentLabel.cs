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
        // A sub-category of one already named ("books/crime" under "books") adds nothing to a label.
        var named = new List<string>(2);
        foreach (var (category, share) in categories)
        {
            if (share >= CategoryShareFloor && named.Count < 2
                && !named.Any(n => category.StartsWith(n + "/", StringComparison.OrdinalIgnoreCase) || n.StartsWith(category + "/", StringComparison.OrdinalIgnoreCase)))
            {
                named.Add(category);
            }
        }

        var label = named.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{activity} {string.Join('/', named)}")
            : categories.Count > 0 ? $"{activity}, broad taste" : activity;
        var time = weekendShare >= 0.45 ? "weekends" : peakTime;
        return time.Length == 0 ? label : $"{label}, {time}";
    }
}
