using Tailor.Interactions;

namespace Tailor.Training.Popularity;

/// <summary>Scores items by popularity. By default counts, for every item, how many users interacted
/// with it (the plain baseline). With <paramref name="sumWeights"/> it sums the interaction weights instead,
/// which gives time-decayed popularity when the weights went through <see cref="WeightScaling.Decay"/>.</summary>
public sealed class PopularityTrainer(bool sumWeights = false) : IRecommenderTrainer
{
    public string Algorithm => PopularityRecommender.Name;

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var counts = new float[train.ItemCount];
        for (var k = 0; k < train.NonZeroCount; k++)
        {
            counts[train.Columns[k]] += sumWeights ? train.Values[k] : 1f;
        }

        return new PopularityRecommender(counts);
    }
}
