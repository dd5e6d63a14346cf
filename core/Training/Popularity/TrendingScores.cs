using Tailor.Interactions;

namespace Tailor.Training.Popularity;

/// <summary>The <c>trending</c> fallback's scores: per item, how many users interacted with it in the recent window
/// (the last <c>windowDays</c> before the reference time), ties broken by overall popularity (a fraction below 1, so
/// it never outweighs one recent user).</summary>
public static class TrendingScores
{
    /// <summary>The scores, or null when trending says nothing popularity does not: no window, or data whose
    /// timestamps do not reach further back than the window. <paramref name="timestamps"/> are Unix ms per entry.</summary>
    public static float[]? Compute(InteractionMatrix matrix, ReadOnlySpan<long> timestamps, long nowUnixMilliseconds, int windowDays)
    {
        if (windowDays <= 0 || timestamps.Length != matrix.NonZeroCount || timestamps.IsEmpty)
        {
            return null;
        }

        var start = nowUnixMilliseconds - ((long)windowDays * (long)TimeSpan.MillisecondsPerDay);
        var earliest = long.MaxValue;
        foreach (var t in timestamps)
        {
            earliest = Math.Min(earliest, t);
        }

        if (earliest >= start)
        {
            return null;
        }

        var recent = new float[matrix.ItemCount];
        var overall = new float[matrix.ItemCount];
        for (var k = 0; k < matrix.NonZeroCount; k++)
        {
            overall[matrix.Columns[k]]++;
            if (timestamps[k] >= start && timestamps[k] <= nowUnixMilliseconds)
            {
                recent[matrix.Columns[k]]++;
            }
        }

        var most = 0f;
        foreach (var count in overall)
        {
            most = Math.Max(most, count);
        }

        for (var i = 0; i < recent.Length; i++)
        {
            recent[i] += overall[i] / (most + 1f);
        }

        return recent;
    }
}
