namespace Tailor.Snapshot;

/// <summary>
/// When and how each user was active, counted while the snapshot reads events, as flat row-major columns in the
/// snapshot's user order: events per event type (<see cref="EventTypes"/>, in first-seen order), per UTC hour of
/// day (24) and per UTC day of week (7, Sunday first), distinct active UTC days, and the sum and count of rating
/// values. Profiles derive activity frequency, the hour and weekday shape and the mean rating from it.
/// </summary>
public sealed class UserActivity
{
    public const int Hours = 24;

    public const int Weekdays = 7;

    public UserActivity(string[] eventTypes, int[] typeCounts, int[] hourCounts, int[] weekdayCounts, int[] activeDays, double[] ratingSums, int[] ratingCounts)
    {
        var n = activeDays.Length;
        if (typeCounts.Length != n * eventTypes.Length || hourCounts.Length != n * Hours || weekdayCounts.Length != n * Weekdays
            || ratingSums.Length != n || ratingCounts.Length != n)
        {
            throw new ArgumentException("The user activity columns do not have matching lengths.");
        }

        EventTypes = eventTypes;
        TypeCounts = typeCounts;
        HourCounts = hourCounts;
        WeekdayCounts = weekdayCounts;
        ActiveDays = activeDays;
        RatingSums = ratingSums;
        RatingCounts = ratingCounts;
    }

    public int UserCount => ActiveDays.Length;

    /// <summary>Event types in the order first seen.</summary>
    public string[] EventTypes { get; }

    /// <summary>User-major: <c>TypeCounts[u * EventTypes.Length + t]</c>.</summary>
    public int[] TypeCounts { get; }

    /// <summary>User-major: <c>HourCounts[u * 24 + hour]</c> (UTC).</summary>
    public int[] HourCounts { get; }

    /// <summary>User-major: <c>WeekdayCounts[u * 7 + day]</c>, Sunday = 0 (UTC).</summary>
    public int[] WeekdayCounts { get; }

    /// <summary>Distinct UTC days with at least one event.</summary>
    public int[] ActiveDays { get; }

    public double[] RatingSums { get; }

    public int[] RatingCounts { get; }
}
