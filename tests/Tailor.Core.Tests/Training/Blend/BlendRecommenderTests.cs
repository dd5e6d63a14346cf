using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Popularity;
using Tailor.Training.Sar;

namespace Tailor.Tests.Training.Blend;

public class BlendRecommenderTests
{
    [Fact]
    public void Blend_adds_weighted_min_max_normalised_scores_ignoring_the_history()
    {
        // Part A scores [10, 0, 2, 4], part B [9, 3, 1, 0]; history {0} is left out of the min/max.
        var a = new PopularityRecommender([10f, 0f, 2f, 4f]);
        var b = new PopularityRecommender([9f, 3f, 1f, 0f]);
        var blend = new BlendRecommender([a, b], [0.75f, 0.25f]);
        var scores = new float[4];

        blend.Score(-1, [0], [1f], scores);

        // A over {1,2,3}: min 0, max 4 -> [_, 0, .5, 1]; B: min 0, max 3 -> [_, 1, 1/3, 0].
        Assert.Equal(0.25f, scores[1], 1e-6f);
        Assert.Equal((0.75f * 0.5f) + (0.25f / 3), scores[2], 1e-6f);
        Assert.Equal(0.75f, scores[3], 1e-6f);
    }

    [Fact]
    public void Blend_writes_and_reads_its_parts()
    {
        var split = PlantedClusters.Split();
        var blend = new BlendTrainer([new EaseTrainer(new EaseOptions(20f)), new SarTrainer(), new PopularityTrainer()], [0.6f, 0.3f, 0.1f]).Fit(split.Train);

        var read = (BlendRecommender)ModelRoundTrip.WriteAndRead(blend);

        Assert.Equal(["ease", "sar", "popularity"], read.Parts.Select(p => p.Algorithm));
        ModelRoundTrip.AssertSameScores(blend, read, split.Train);
    }
}
