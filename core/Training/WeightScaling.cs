using Tailor.Interactions;

namespace Tailor.Training;

/// <summary>Applies a <see cref="WeightScale"/> or a time decay to interaction weights.</summary>
public static class WeightScaling
{
    public static float Apply(WeightScale scale, float weight) => scale switch
    {
        WeightScale.Binary => 1f,
        WeightScale.Log => 1f + MathF.Log(1f + weight),
        _ => weight,
    };

    /// <summary>A matrix with the same entries and scaled weights.</summary>
    public static InteractionMatrix Apply(InteractionMatrix matrix, WeightScale scale)
    {
        if (scale == WeightScale.Raw)
        {
            return matrix;
        }

        var values = new float[matrix.NonZeroCount];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = Apply(scale, matrix.Values[k]);
        }

        return new InteractionMatrix(matrix.UserCount, matrix.ItemCount, matrix.RowOffsets, matrix.Columns, values);
    }

    /// <summary>Multiplies each weight by <c>0.5^(age / halfLife)</c>, age measured back from
    /// <paramref name="nowUnixMilliseconds"/> (future events count as age 0). <paramref name="timestamps"/>
    /// are Unix ms aligned with the matrix's entries.</summary>
    public static InteractionMatrix Decay(InteractionMatrix matrix, ReadOnlySpan<long> timestamps, TimeSpan halfLife, long nowUnixMilliseconds)
    {
        if (timestamps.Length != matrix.NonZeroCount)
        {
            throw new ArgumentException($"Expected one timestamp per interaction ({matrix.NonZeroCount}), got {timestamps.Length}.", nameof(timestamps));
        }

        if (halfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "The half-life must be positive.");
        }

        var values = new float[matrix.NonZeroCount];
        var halfLifeMs = halfLife.TotalMilliseconds;
        for (var k = 0; k < values.Length; k++)
        {
            var age = Math.Max(0, nowUnixMilliseconds - timestamps[k]);
            values[k] = (float)(matrix.Values[k] * Math.Pow(0.5, age / halfLifeMs));
        }

        return new InteractionMatrix(matrix.UserCount, matrix.ItemCount, matrix.RowOffsets, matrix.Columns, values);
    }
}
