using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Rerank;

namespace Tailor.Serving;

/// <summary>Which single model speaks for a composite one when serving explains or diversifies: the
/// heaviest part of a blend, the first base of a re-ranker (whose candidates it re-orders), recursively.</summary>
internal static class ModelParts
{
    public static IRecommender Dominant(IRecommender model)
    {
        while (true)
        {
            switch (model)
            {
                case BlendRecommender blend:
                    var heaviest = 0;
                    for (var p = 1; p < blend.Weights.Count; p++)
                    {
                        if (blend.Weights[p] > blend.Weights[heaviest])
                        {
                            heaviest = p;
                        }
                    }

                    model = blend.Parts[heaviest];
                    break;
                case RerankRecommender rerank:
                    model = rerank.Bases[0];
                    break;
                default:
                    return model;
            }
        }
    }
}
