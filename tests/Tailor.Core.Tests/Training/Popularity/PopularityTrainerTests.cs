using Tailor.Interactions;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Training.Popularity;

public class PopularityTrainerTests
{
    private static readonly InteractionMatrix s_matrix = InteractionMatrix.FromTriples(2, 2,
        new (int, int, float)[] { (0, 0, 3), (0, 1, 1), (1, 1, 2) });

    [Fact]
    public void Plain_popularity_counts_users_per_item()
    {
        var model = (PopularityRecommender)new PopularityTrainer().Fit(s_matrix);
        Assert.Equal([1f, 2f], model.Popularity.ToArray());
    }

    [Fact]
    public void Decayed_popularity_halves_an_interaction_per_half_life_of_age()
    {
        var day = TimeSpan.FromDays(1);
        long now = 10 * 86_400_000L;

        // Ages: 0 days, 1 day, 2 days.
        var decayed = WeightScaling.Decay(s_matrix, [now, now - 86_400_000L, now - 172_800_000L], day, now);
        var model = (PopularityRecommender)new PopularityTrainer(sumWeights: true).Fit(decayed);

        Assert.Equal(3f, model.Popularity[0], 1e-5f);
        Assert.Equal((1f * 0.5f) + (2f * 0.25f), model.Popularity[1], 1e-5f);
    }
}
