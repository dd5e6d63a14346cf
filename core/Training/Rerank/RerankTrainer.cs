using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Tailor.Interactions;
using Tailor.Splits;

namespace Tailor.Training.Rerank;

/// <summary>
/// Learns to re-rank the base models' candidates with LightGBM LambdaRank, self-contained on the data it is
/// given: it holds out part of each user's interactions, fits the bases on the rest, trains the ranker on
/// the held-out labels (scale-free features, see <see cref="RerankFeatures"/>), then refits the bases on all
/// of the data.
/// </summary>
public sealed class RerankTrainer(IReadOnlyList<IRecommenderTrainer> bases, RerankOptions options) : IRecommenderTrainer
{
    /// <summary>LightGBM's smallest leaf: the ranker needs twice as many labelled rows to split at all.</summary>
    private const int MinimumRowsPerLeaf = 50;

    public string Algorithm => RerankRecommender.Name;

    public IReadOnlyList<IRecommenderTrainer> Bases => bases;

    public IRecommender Fit(InteractionMatrix train, CancellationToken cancellationToken = default)
    {
        var split = DataSplitter.StratifiedRandom(train, options.ValidationFraction, options.Seed);
        var features = RerankFeatures.Create([.. bases.Select(b => b.Fit(split.Train, cancellationToken))], split.Train);
        var rows = Rows(features, split, cancellationToken);
        if (rows.Count == 0)
        {
            throw new TrainingRefusedException("The re-ranker found no held-out interaction among the candidates to learn from (too little data per user).");
        }

        if (rows.Count < 2 * MinimumRowsPerLeaf)
        {
            // LightGBM cannot split fewer rows than two leaves need, and ML.NET fails converting the
            // resulting single-leaf trees (an ArgumentNullException for 'items' deep in FastTree).
            throw new TrainingRefusedException(
                $"The re-ranker has {rows.Count} labelled candidates; it needs at least {2 * MinimumRowsPerLeaf} to learn a split.");
        }

        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows, RerankSchema.Create(features.Width));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("GroupKey", nameof(RerankRow.Group))
            .Append(ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(RerankRow.Label),
                FeatureColumnName = nameof(RerankRow.Features),
                RowGroupColumnName = "GroupKey",
                NumberOfLeaves = options.Leaves,
                NumberOfIterations = options.Iterations,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = MinimumRowsPerLeaf,
                Seed = options.Seed,
                Deterministic = true,
                NumberOfThreads = 1,
                Silent = true,
            }));
        ITransformer ranker;
        try
        {
            ranker = pipeline.Fit(data);
        }
        catch (ArgumentNullException e) when (e.ParamName == "items")
        {
            // Rows that allow a split can still yield only single-leaf trees (e.g. every feature constant).
            throw new TrainingRefusedException("The re-ranker's labelled candidates gave LightGBM nothing to split on.");
        }

        byte[] rankerBytes;
        using (var stream = new MemoryStream())
        {
            ml.Model.Save(ranker, data.Schema, stream);
            rankerBytes = stream.ToArray();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var final = RerankFeatures.Create([.. bases.Select(b => b.Fit(train, cancellationToken))], train);
        return new RerankRecommender(final, rankerBytes, options.Candidates);
    }

    private List<RerankRow> Rows(RerankFeatures features, DataSplit split, CancellationToken cancellationToken)
    {
        var users = DataSplitter.TestUsers(split.Train, split.Test);
        if (users.Length > options.MaxTrainingUsers)
        {
            new Random(options.Seed).Shuffle(users);
            users = users[..options.MaxTrainingUsers];
            Array.Sort(users);
        }

        var perUser = new List<RerankRow>?[users.Length];
        Parallel.For(
            0,
            users.Length,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => (Candidates: new int[options.Candidates], Features: new float[options.Candidates * features.Width], Sum: new float[split.Train.ItemCount]),
            (x, _, buffers) =>
            {
                var u = users[x];
                var count = features.Compute(u, split.Train.ItemsOf(u), split.Train.WeightsOf(u), buffers.Candidates, buffers.Features, buffers.Sum);
                var relevant = split.Test.ItemsOf(u);
                var rows = new List<RerankRow>(count);
                var positives = 0;
                for (var c = 0; c < count; c++)
                {
                    var label = relevant.BinarySearch(buffers.Candidates[c]) >= 0 ? 1f : 0f;
                    positives += label > 0 ? 1 : 0;
                    rows.Add(new RerankRow
                    {
                        Label = label,
                        Group = (uint)u + 1,
                        Features = buffers.Features.AsSpan(c * features.Width, features.Width).ToArray(),
                    });
                }

                // A group without a positive teaches LambdaRank nothing.
                perUser[x] = positives > 0 ? rows : null;
                return buffers;
            },
            _ => { });

        var all = new List<RerankRow>();
        foreach (var rows in perUser)
        {
            if (rows is not null)
            {
                all.AddRange(rows);
            }
        }

        return all;
    }
}
