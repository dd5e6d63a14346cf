using System.Diagnostics;
using Tailor.Catalog;
using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Numerics;
using Tailor.Training;

namespace Tailor.Content;

/// <summary>One row of the cold-item table: how well a method ranks the held-out items for the users who took them.</summary>
public sealed record ColdItemResult(string Method, double Recall, double Ndcg);

/// <summary>The cold-item protocol's outcome: the table and what it was measured on.</summary>
/// <param name="ColdItems">Items held out entirely from training.</param>
/// <param name="Users">Users with at least one interaction on a held-out item (the ones evaluated).</param>
/// <param name="K">List length.</param>
/// <param name="Algorithm">The algorithm of the model the mapping was learned for.</param>
/// <param name="Results">One row per method.</param>
/// <param name="DescribeSeconds">Seconds to describe every item without the embedding.</param>
/// <param name="EmbeddingDescribeSeconds">Seconds to describe every item with the embedding (null when not measured).</param>
/// <param name="DescribedItems">Items described (the dataset's).</param>
public sealed record ColdItemReport(
    int ColdItems, int Users, int K, string Algorithm, IReadOnlyList<ColdItemResult> Results, double DescribeSeconds, double? EmbeddingDescribeSeconds, int DescribedItems);

/// <summary>
/// The cold-item protocol: hold out a share of the items (default 10 %, seeded) entirely from training — every
/// interaction on them is removed —, train the model on the rest, learn the content mapping from the warm items,
/// and for every user who interacted with a held-out item rank the held-out items alone; an interaction with one
/// is relevant. Recall@k and NDCG@k against random placement (a seeded shuffle per user) and popularity by
/// category (an item scores the training interactions of its most popular category), with and without the text
/// embedding when an embedder is given.
/// </summary>
public static class ColdItemProtocol
{
    public const double DefaultHoldout = 0.1;

    public static ColdItemReport Run(
        InteractionMatrix matrix, IReadOnlyList<string> itemIds, IReadOnlyList<CatalogItem> catalog, IRecommenderTrainer trainer,
        ContentSettings settings, ITextEmbedder? embedder = null, int k = 10, double holdout = DefaultHoldout, int seed = 42,
        CancellationToken cancellationToken = default)
    {
        var described = Aligned(itemIds, catalog);
        var cold = HoldOut(itemIds.Count, described, holdout, seed);
        var isCold = new bool[itemIds.Count];
        foreach (var i in cold)
        {
            isCold[i] = true;
        }

        var coldNumber = new int[itemIds.Count];
        Array.Fill(coldNumber, -1);
        for (var c = 0; c < cold.Length; c++)
        {
            coldNumber[cold[c]] = c;
        }

        var (train, relevant) = Split(matrix, isCold, coldNumber);
        var model = trainer.Fit(train, cancellationToken);

        var watch = Stopwatch.StartNew();
        var plain = ContentFeatures.Describe(described, settings with { UseEmbedding = false }, null, cancellationToken);
        var describeSeconds = watch.Elapsed.TotalSeconds;
        var mapping = Map(model, plain, cold, isCold, settings);
        var results = new List<ColdItemResult>
        {
            Measure("random", relevant, cold.Length, k, RandomPlacement(seed)),
            Measure("popularity by category", relevant, cold.Length, k, PopularityByCategory(train, described, cold)),
            Measure("content (" + mapping.Method + ")", relevant, cold.Length, k, Content(model, train, mapping)),
        };

        double? embeddingSeconds = null;
        if (embedder is not null)
        {
            watch.Restart();
            var rich = ContentFeatures.Describe(described, settings with { UseEmbedding = true }, embedder, cancellationToken);
            embeddingSeconds = watch.Elapsed.TotalSeconds;
            var embedded = Map(model, rich, cold, isCold, settings);
            results.Add(Measure("content + embedding (" + embedded.Method + ")", relevant, cold.Length, k, Content(model, train, embedded)));
        }

        var users = relevant.Count(r => r is { Length: > 0 });
        return new ColdItemReport(cold.Length, users, k, model.Algorithm, results, describeSeconds, embeddingSeconds, described.Length);
    }

    /// <summary>The catalog entry of every item index (an empty one where the catalog does not describe it).</summary>
    private static CatalogItem[] Aligned(IReadOnlyList<string> itemIds, IReadOnlyList<CatalogItem> catalog)
    {
        var byId = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in catalog)
        {
            byId[item.ItemId] = item;
        }

        var aligned = new CatalogItem[itemIds.Count];
        for (var i = 0; i < aligned.Length; i++)
        {
            aligned[i] = byId.TryGetValue(itemIds[i], out var item)
                ? item
                : new CatalogItem(itemIds[i], null, [], [], true, null, null, new Dictionary<string, double>());
        }

        return aligned;
    }

    /// <summary>A seeded share of the catalog-described items, in ascending index order.</summary>
    private static int[] HoldOut(int items, CatalogItem[] described, double share, int seed)
    {
        var candidates = Enumerable.Range(0, items).Where(i => described[i].Categories.Count + described[i].Tags.Count > 0 || described[i].Title is not null).ToArray();
        new Random(seed).Shuffle(candidates);
        var count = Math.Max(1, (int)Math.Round(items * share));
        var cold = candidates.Take(Math.Min(count, candidates.Length)).ToArray();
        Array.Sort(cold);
        return cold;
    }

    /// <summary>The training matrix without the cold items' interactions, and each user's cold items (cold numbers, ascending).</summary>
    private static (InteractionMatrix Train, int[][] Relevant) Split(InteractionMatrix matrix, bool[] isCold, int[] coldNumber)
    {
        var offsets = new int[matrix.UserCount + 1];
        var columns = new List<int>(matrix.NonZeroCount);
        var values = new List<float>(matrix.NonZeroCount);
        var relevant = new int[matrix.UserCount][];
        var taken = new List<int>();
        for (var u = 0; u < matrix.UserCount; u++)
        {
            taken.Clear();
            var items = matrix.ItemsOf(u);
            var weights = matrix.WeightsOf(u);
            for (var n = 0; n < items.Length; n++)
            {
                if (isCold[items[n]])
                {
                    taken.Add(coldNumber[items[n]]);
                }
                else
                {
                    columns.Add(items[n]);
                    values.Add(weights[n]);
                }
            }

            offsets[u + 1] = columns.Count;
            taken.Sort();
            relevant[u] = [.. taken];
        }

        return (new InteractionMatrix(matrix.UserCount, matrix.ItemCount, offsets, [.. columns], [.. values]), relevant);
    }

    private static ContentMapping Map(IRecommender model, ContentMatrix features, int[] cold, bool[] isCold, ContentSettings settings)
    {
        var d = features.Dimension;
        var coldValues = new float[cold.Length * d];
        for (var c = 0; c < cold.Length; c++)
        {
            features.RowOf(cold[c]).CopyTo(coldValues.AsSpan(c * d, d));
        }

        var learnFrom = new bool[isCold.Length];
        for (var i = 0; i < learnFrom.Length; i++)
        {
            learnFrom[i] = !isCold[i];
        }

        return ContentMapping.Learn(model, features, new ContentMatrix(cold.Length, d, coldValues), settings, learnFrom);
    }

    /// <summary>Fills a user's scores over the cold items.</summary>
    private delegate void ColdScorer(int user, Span<float> coldScores);

    private static ColdScorer Content(IRecommender model, InteractionMatrix train, ContentMapping mapping)
    {
        var warm = new float[model.ItemCount];
        return (user, coldScores) =>
        {
            var history = train.ItemsOf(user);
            var weights = train.WeightsOf(user);
            model.Score(user, history, weights, warm);
            mapping.Score(user, history, weights, warm, coldScores);
        };
    }

    private static ColdScorer PopularityByCategory(InteractionMatrix train, CatalogItem[] described, int[] cold)
    {
        var categoryCounts = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        for (var u = 0; u < train.UserCount; u++)
        {
            foreach (var item in train.ItemsOf(u))
            {
                foreach (var category in described[item].Categories)
                {
                    categoryCounts[category] = categoryCounts.GetValueOrDefault(category) + 1;
                }
            }
        }

        var fixedScores = new float[cold.Length];
        for (var c = 0; c < cold.Length; c++)
        {
            var best = 0.0;
            foreach (var category in described[cold[c]].Categories)
            {
                best = Math.Max(best, categoryCounts.GetValueOrDefault(category));
            }

            fixedScores[c] = (float)best;
        }

        return (_, coldScores) => fixedScores.CopyTo(coldScores);
    }

    /// <summary>Random placement: fresh uniform scores per user, deterministic for the seed (users in order).</summary>
    private static ColdScorer RandomPlacement(int seed)
    {
        var random = new Random(seed);
        return (_, coldScores) =>
        {
            for (var c = 0; c < coldScores.Length; c++)
            {
                coldScores[c] = (float)random.NextDouble();
            }
        };
    }

    private static ColdItemResult Measure(string method, int[][] relevant, int coldCount, int k, ColdScorer scorer)
    {
        double recall = 0, ndcg = 0;
        var users = 0;
        float[]? scores = null;
        var top = new int[k];
        for (var u = 0; u < relevant.Length; u++)
        {
            if (relevant[u].Length == 0)
            {
                continue;
            }

            scores ??= new float[coldCount];
            scorer(u, scores);
            var found = TopK.Select(scores, top);
            recall += RankingMetrics.Recall(top.AsSpan(0, found), relevant[u], k);
            ndcg += RankingMetrics.Ndcg(top.AsSpan(0, found), relevant[u], k);
            users++;
        }

        return users == 0 ? new ColdItemResult(method, 0, 0) : new ColdItemResult(method, recall / users, ndcg / users);
    }
}
