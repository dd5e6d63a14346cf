using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Numerics;
using Tailor.Training;

namespace Tailor.Serving;

/// <summary>One diversity setting measured offline: ranking quality and how unalike the lists' items are.</summary>
/// <param name="Lambda">The <c>diversity</c> setting.</param>
/// <param name="Metrics">The offline protocol's metrics of the re-ranked lists.</param>
/// <param name="IntraListDiversity">1 − the mean pairwise similarity of each list's items (by the model's
/// <see cref="IItemSimilarity"/>), averaged over users.</param>
public sealed record DiversityPoint(float Lambda, MetricSet Metrics, double IntraListDiversity);

/// <summary>What <c>diversity=λ</c> costs in accuracy and buys in variety: the offline protocol's lists, re-ranked
/// by serving's own MMR (<see cref="DiversityReranking"/>, same candidate pool), for each λ.</summary>
public static class DiversityTradeoff
{
    /// <summary>The settings <c>tailor bench</c> reports.</summary>
    public static IReadOnlyList<float> BenchLambdas { get; } = [0f, 0.2f, 0.5f];

    /// <summary>Measures each λ on the users with held-out items, alikeness by the model's item similarity; null when
    /// the model has none.</summary>
    public static IReadOnlyList<DiversityPoint>? Measure(
        IRecommender model, InteractionMatrix train, InteractionMatrix test, int k, IReadOnlyList<float> lambdas, CancellationToken cancellationToken = default) =>
        ModelParts.Dominant(model) is IItemSimilarity similarity ? Measure(model, train, test, k, lambdas, similarity, cancellationToken) : null;

    /// <summary>Measures each λ with alikeness by <paramref name="similarity"/> (e.g. the catalog's category overlap,
    /// <see cref="ItemCatalogView.CategoryOverlapOf"/>), for re-ranking and intra-list diversity alike.</summary>
    public static IReadOnlyList<DiversityPoint> Measure(
        IRecommender model, InteractionMatrix train, InteractionMatrix test, int k, IReadOnlyList<float> lambdas, IItemSimilarity similarity,
        CancellationToken cancellationToken = default)
    {

        var users = Enumerable.Range(0, test.UserCount).Where(u => test.ItemsOf(u).Length > 0).ToArray();
        var pool = Math.Min(Math.Max(k * ItemRanking.DiversityPoolFactor, ItemRanking.MinDiversityPool), model.ItemCount);
        var candidates = new int[users.Length][];
        var scores = new float[users.Length][];
        Parallel.For(0, users.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var u = users[i];
            var s = new float[model.ItemCount];
            model.Score(u, train.ItemsOf(u), train.WeightsOf(u), s);
            foreach (var seen in train.ItemsOf(u))
            {
                s[seen] = float.NegativeInfinity;
            }

            var top = new int[pool];
            candidates[i] = top[..TopK.Select(s, top)];
            scores[i] = s;
        });

        var points = new List<DiversityPoint>(lambdas.Count);
        foreach (var lambda in lambdas)
        {
            var lists = new int[users.Length][];
            var diversity = new double[users.Length];
            Parallel.For(0, users.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var list = new int[Math.Min(k, candidates[i].Length)];
                if (lambda > 0f)
                {
                    DiversityReranking.Rerank(candidates[i], scores[i], lambda, similarity, list);
                }
                else
                {
                    candidates[i].AsSpan(0, list.Length).CopyTo(list);
                }

                lists[i] = list;
                diversity[i] = 1 - MeanPairwise(list, similarity);
            });

            points.Add(new DiversityPoint(lambda, Evaluator.Measure(lists, users, train, test, k), users.Length == 0 ? 0 : diversity.Average()));
        }

        return points;
    }

    private static double MeanPairwise(int[] list, IItemSimilarity similarity)
    {
        double sum = 0;
        var pairs = 0;
        for (var a = 0; a < list.Length; a++)
        {
            for (var b = a + 1; b < list.Length; b++)
            {
                sum += similarity.Similarity(list[a], list[b]);
                pairs++;
            }
        }

        return pairs == 0 ? 0 : sum / pairs;
    }
}
