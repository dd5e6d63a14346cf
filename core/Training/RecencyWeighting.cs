using Tailor.Interactions;

namespace Tailor.Training;

/// <summary>Exponential decay of interaction weights by age: an interaction <paramref name="HalfLifeDays"/> older than
/// the reference time counts half. With <paramref name="BinarizeFirst"/> every interaction starts from 1 (for
/// algorithms that would otherwise read the weights as binary and so ignore the decay); otherwise from its weight.</summary>
public sealed record RecencyWeighting(double HalfLifeDays, bool BinarizeFirst)
{
    /// <summary>The smallest decayed weight: an interaction never decays to nothing, so it stays in the matrix.</summary>
    public const float MinWeight = 1e-30f;

    /// <summary>The matrix with decayed weights: <c>w · 0.5^(age / half-life)</c> (w = 1 when binarizing), age measured
    /// back from <paramref name="nowUnixMilliseconds"/> (later interactions count as age 0).
    /// <paramref name="timestamps"/> are Unix ms aligned with the matrix's entries.</summary>
    public InteractionMatrix Apply(InteractionMatrix matrix, ReadOnlySpan<long> timestamps, long nowUnixMilliseconds)
    {
        if (timestamps.Length != matrix.NonZeroCount)
        {
            throw new ArgumentException($"Expected one timestamp per interaction ({matrix.NonZeroCount}), got {timestamps.Length}.", nameof(timestamps));
        }

        var halfLifeMs = HalfLifeDays * TimeSpan.MillisecondsPerDay;
        var values = new float[matrix.NonZeroCount];
        for (var k = 0; k < values.Length; k++)
        {
            var age = Math.Max(0, nowUnixMilliseconds - timestamps[k]);
            var weight = BinarizeFirst ? 1.0 : matrix.Values[k];
            values[k] = Math.Max(MinWeight, (float)(weight * Math.Pow(0.5, age / halfLifeMs)));
        }

        return new InteractionMatrix(matrix.UserCount, matrix.ItemCount, matrix.RowOffsets, matrix.Columns, values);
    }

    /// <summary>Whether the times span any time at all: data without timestamps gets one ingestion time per batch.</summary>
    public static bool HasTimeSpread(ReadOnlySpan<long> timestamps)
    {
        if (timestamps.IsEmpty)
        {
            return false;
        }

        var first = timestamps[0];
        foreach (var t in timestamps)
        {
            if (t != first)
            {
                return true;
            }
        }

        return false;
    }
}
