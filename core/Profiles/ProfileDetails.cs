namespace Tailor.Profiles;

/// <summary>
/// The richer profile columns, in the rows of their <see cref="ProfileSet"/> (flat, row-major): events per event
/// type, active days, hour-of-day (24, UTC) and day-of-week (7, Sunday first, UTC) activity, mean rating (NaN
/// where the user rated nothing), the top categories by weight share (indices into <see cref="Categories"/>,
/// user <c>u</c>'s in <c>[CategoryOffsets[u], CategoryOffsets[u + 1])</c>) and the entropy (bits) of each user's
/// weight over categories. <see cref="AsOf"/> is the latest event in the data, what "days since last activity"
/// counts from, so a profile does not change with the time it is read.
/// </summary>
public sealed class ProfileDetails
{
    public const int TopCategoryCount = 3;

    public ProfileDetails(
        long asOf,
        string[] eventTypes,
        int[] typeCounts,
        int[] activeDays,
        int[] hourCounts,
        int[] weekdayCounts,
        float[] meanRatings,
        string[] categories,
        int[] categoryOffsets,
        int[] topCategories,
        float[] categoryShares,
        float[] categoryEntropy)
    {
        var n = activeDays.Length;
        if (typeCounts.Length != n * eventTypes.Length || hourCounts.Length != n * 24 || weekdayCounts.Length != n * 7
            || meanRatings.Length != n || categoryOffsets.Length != n + 1 || topCategories.Length != categoryShares.Length
            || categoryOffsets[n] != topCategories.Length || categoryEntropy.Length != n)
        {
            throw new ArgumentException("The profile detail columns do not have matching lengths.");
        }

        foreach (var c in topCategories)
        {
            if ((uint)c >= (uint)categories.Length)
            {
                throw new ArgumentException($"A category index ({c}) is outside the {categories.Length} categories.", nameof(topCategories));
            }
        }

        AsOf = asOf;
        EventTypes = eventTypes;
        TypeCounts = typeCounts;
        ActiveDays = activeDays;
        HourCounts = hourCounts;
        WeekdayCounts = weekdayCounts;
        MeanRatings = meanRatings;
        Categories = categories;
        CategoryOffsets = categoryOffsets;
        TopCategories = topCategories;
        CategoryShares = categoryShares;
        CategoryEntropy = categoryEntropy;
    }

    public int Count => ActiveDays.Length;

    /// <summary>Unix seconds of the latest event in the data.</summary>
    public long AsOf { get; }

    public string[] EventTypes { get; }

    public int[] TypeCounts { get; }

    public int[] ActiveDays { get; }

    public int[] HourCounts { get; }

    public int[] WeekdayCounts { get; }

    public float[] MeanRatings { get; }

    public string[] Categories { get; }

    public int[] CategoryOffsets { get; }

    public int[] TopCategories { get; }

    public float[] CategoryShares { get; }

    public float[] CategoryEntropy { get; }
}
