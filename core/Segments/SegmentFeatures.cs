using Tailor.Profiles;

namespace Tailor.Segments;

/// <summary>
/// The feature matrix users are clustered on, one row per profile (flat, row-major, standardized to mean 0 and
/// standard deviation 1 per column; a constant column stays 0): log activity (events, distinct items, active days,
/// events per active day), log tenure and recency, category entropy, the share of each of the most common
/// categories, the shares of night/morning/afternoon/evening activity and of weekend activity, and the mean rating
/// (the overall mean where a user rated nothing).
/// </summary>
public sealed partial class SegmentFeatures
{
    /// <summary>How many of the most common top categories get a column.</summary>
    public const int CategoryColumns = 8;

    private SegmentFeatures(float[] values, int rows, string[] names)
    {
        Values = values;
        Rows = rows;
        Names = names;
    }

    public float[] Values { get; }

    public int Rows { get; }

    public int Width => Names.Length;

    public string[] Names { get; }

    public ReadOnlySpan<float> Row(int u) => Values.AsSpan(u * Width, Width);

    /// <summary>Standardized features of raw row-major <paramref name="values"/> (for tests and synthetic data).</summary>
    public static SegmentFeatures FromRaw(float[] values, int rows, string[] names)
    {
        Standardize(values, rows, names.Length);
        return new SegmentFeatures(values, rows, names);
    }

    public static SegmentFeatures From(ProfileSet profiles)
    {
        var n = profiles.Count;
        var d = profiles.Details;
        var categories = d is null ? [] : CommonCategories(d);
        var names = new List<string>
        {
            "log events", "log distinct items", "log active days", "log events per active day", "log tenure days", "log days since last",
            "category entropy",
        };
        names.AddRange(categories.Select(c => "share " + d!.Categories[c]));
        names.AddRange(["night share", "morning share", "afternoon share", "evening share", "weekend share", "mean rating"]);
        var width = names.Count;
        var values = new float[n * width];
        var meanRating = MeanRating(d);
        var column = new int[d?.Categories.Length ?? 0];
        Array.Fill(column, -1);
        for (var c = 0; c < categories.Length; c++)
        {
            column[categories[c]] = c;
        }

        for (var u = 0; u < n; u++)
        {
            var row = values.AsSpan(u * width, width);
            var events = profiles.Interactions[u];
            var activeDays = d?.ActiveDays[u] ?? 0;
            row[0] = MathF.Log(1 + events);
            row[1] = MathF.Log(1 + profiles.DistinctItems[u]);
            row[2] = MathF.Log(1 + activeDays);
            row[3] = MathF.Log(1 + (activeDays == 0 ? events : events / (float)activeDays));
            row[4] = MathF.Log(1 + ((profiles.LastSeen[u] - profiles.FirstSeen[u]) / 86_400f));
            if (d is null)
            {
                continue;
            }

            row[5] = MathF.Log(1 + (Math.Max(0, d.AsOf - profiles.LastSeen[u]) / 86_400f));
            row[6] = d.CategoryEntropy[u];
            for (var k = d.CategoryOffsets[u]; k < d.CategoryOffsets[u + 1]; k++)
            {
                if (column[d.TopCategories[k]] is var c and >= 0)
                {
                    row[7 + c] = d.CategoryShares[k];
                }
            }

            var at = 7 + categories.Length;
            var hours = d.HourCounts.AsSpan(u * 24, 24);
            var total = 0f;
            foreach (var h in hours)
            {
                total += h;
            }

            if (total > 0)
            {
                for (var h = 0; h < 24; h++)
                {
                    row[at + (h / 6)] += hours[h] / total;
                }

                var weekdays = d.WeekdayCounts.AsSpan(u * 7, 7);
                row[at + 4] = (weekdays[0] + weekdays[6]) / total;
            }

            row[at + 5] = float.IsNaN(d.MeanRatings[u]) ? meanRating : d.MeanRatings[u];
        }

        Standardize(values, n, width);
        return new SegmentFeatures(values, n, [.. names]);
    }

    /// <summary>The categories most often among users' top categories (ties: lower index), at most <see cref="CategoryColumns"/>.</summary>
    private static int[] CommonCategories(ProfileDetails d)
    {
        var counts = new int[d.Categories.Length];
        foreach (var c in d.TopCategories)
        {
            counts[c]++;
        }

        return [.. Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0).OrderByDescending(c => counts[c]).ThenBy(c => c).Take(CategoryColumns)];
    }

    private static float MeanRating(ProfileDetails? d)
    {
        if (d is null)
        {
            return 0;
        }

        double sum = 0;
        var count = 0;
        foreach (var r in d.MeanRatings)
        {
            if (!float.IsNaN(r))
            {
                sum += r;
                count++;
            }
        }

        return count == 0 ? 0 : (float)(sum / count);
    }

    private static void Standardize(float[] values, int rows, int width)
    {
        for (var c = 0; c < width; c++)
        {
            double sum = 0, squares = 0;
            for (var u = 0; u < rows; u++)
            {
                var v = values[(u * width) + c];
                sum += v;
                squares += (double)v * v;
            }

            var mean = rows == 0 ? 0 : sum / rows;
            var variance = rows == 0 ? 0 : Math.Max(0, (squares / rows) - (mean * mean));
            var sd = Math.Sqrt(variance);
            for (var u = 0; u < rows; u++)
            {
                ref var v = ref values[(u * width) + c];
                v = sd < 1e-9 ? 0 : (float)((v - mean) / sd);
            }
        }
    }
}
