namespace Tailor.Training;

/// <summary>Reads a model written by <see cref="IRecommender.Write"/>, dispatching on the algorithm name.</summary>
public static class RecommenderFormat
{
    public static IRecommender Read(string algorithm, BinaryReader reader) => algorithm switch
    {
        Popularity.PopularityRecommender.Name => Popularity.PopularityRecommender.Read(reader),
        Ease.EaseRecommender.Name => Ease.EaseRecommender.Read(reader),
        Sar.SarRecommender.Name => Sar.SarRecommender.Read(reader),
        Blend.BlendRecommender.Name => Blend.BlendRecommender.Read(reader),
        Rerank.RerankRecommender.Name => Rerank.RerankRecommender.Read(reader),
        Ials.IalsRecommender.Name => Ials.IalsRecommender.Read(reader),
        _ => throw new InvalidDataException($"Unknown model algorithm '{algorithm}'."),
    };
}
