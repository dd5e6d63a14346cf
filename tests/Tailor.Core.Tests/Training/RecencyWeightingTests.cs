using Tailor.Interactions;
using Tailor.Training;

namespace Tailor.Tests.Training;

public class RecencyWeightingTests
{
    private const long Day = 86_400_000L;

    // u0: item 0 (weight 4), item 2 (weight 2); u1: item 1 (weight 1), item 2 (weight 3).
    private static readonly InteractionMatrix s_matrix = InteractionMatrix.FromTriples(2, 3,
        new (int, int, float)[] { (0, 0, 4), (0, 2, 2), (1, 1, 1), (1, 2, 3) });

    [Fact]
    public void A_weight_halves_per_half_life_of_age_behind_the_reference_time()
    {
        const long now = 100 * Day;

        // Ages 0, 7, 14 and 21 days under a 7-day half-life: factors 1, 1/2, 1/4, 1/8.
        var decayed = new RecencyWeighting(7, BinarizeFirst: false).Apply(s_matrix, [now, now - (7 * Day), now - (14 * Day), now - (21 * Day)], now);

        Assert.Equal([4f, 1f, 0.25f, 0.375f], decayed.Values);
        Assert.Equal(s_matrix.Columns, decayed.Columns);
        Assert.Equal(s_matrix.RowOffsets, decayed.RowOffsets);
    }

    [Fact]
    public void Binarizing_first_starts_every_interaction_from_one_and_later_events_count_as_new()
    {
        const long now = 100 * Day;

        // Ages: 10 days (half-life 10 → 1/2), 5 days (→ 2^-0.5), in the future (→ 1), 30 days (→ 1/8).
        var decayed = new RecencyWeighting(10, BinarizeFirst: true).Apply(s_matrix, [now - (10 * Day), now - (5 * Day), now + Day, now - (30 * Day)], now);

        Assert.Equal(0.5f, decayed.Values[0], 1e-6f);
        Assert.Equal(1f / MathF.Sqrt(2f), decayed.Values[1], 1e-6f);
        Assert.Equal(1f, decayed.Values[2]);
        Assert.Equal(0.125f, decayed.Values[3], 1e-6f);
    }

    [Fact]
    public void An_ancient_interaction_keeps_a_positive_weight()
    {
        const long now = 100_000 * Day;

        var decayed = new RecencyWeighting(1, BinarizeFirst: false).Apply(s_matrix, [0, 0, now, now], now);

        Assert.Equal(RecencyWeighting.MinWeight, decayed.Values[0]);
        Assert.True(decayed.Values.All(v => v > 0f));
    }

    [Fact]
    public void Times_spread_only_when_they_differ()
    {
        Assert.False(RecencyWeighting.HasTimeSpread([]));
        Assert.False(RecencyWeighting.HasTimeSpread([5, 5, 5]));
        Assert.True(RecencyWeighting.HasTimeSpread([5, 5, 6]));
    }
}
