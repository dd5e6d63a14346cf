using Tailor.Snapshot;

namespace Tailor.Training.Popularity;

/// <summary>Counts, for every item, how many users interacted with it.</summary>
public sealed class PopularityTrainer : IRecommenderTrainer
{
    public string Algorithm => PopularityRecommender.Name;

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var counts = new float[train.ItemCount];
        foreach (var item in train.Columns)
        {
            counts[item] += 1f;
        }

        return new PopularityRecommender(counts);
    }
}
