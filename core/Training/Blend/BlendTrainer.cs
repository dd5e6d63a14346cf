using Tailor.Interactions;

namespace Tailor.Training.Blend;

/// <summary>Fits every part on the same data and combines them with fixed weights (the tuner picks the
/// weights on validation data).</summary>
public sealed class BlendTrainer(IReadOnlyList<IRecommenderTrainer> parts, IReadOnlyList<float> weights) : IRecommenderTrainer
{
    public string Algorithm => BlendRecommender.Name;

    public IReadOnlyList<IRecommenderTrainer> Parts => parts;

    public IReadOnlyList<float> Weights => weights;

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var models = new IRecommender[parts.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            models[p] = parts[p].Fit(train, cancellationToken);
        }

        return new BlendRecommender(models, weights);
    }
}
