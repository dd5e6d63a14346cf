using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Tailor.Segments;

/// <summary>
/// Clusters feature rows with ML.NET's KMeans trainer (KMeans++ initialisation, one thread, seeded, so the result
/// is deterministic for a seed): for every k in [MinK, MaxK] it fits on a seeded sample of at most
/// <see cref="SegmentOptions.SampleSize"/> rows and scores the fit by the Davies–Bouldin index on that sample
/// (lower is better: tight clusters far apart); the best k's centroids then assign every row to its nearest one.
/// </summary>
public static class SegmentClustering
{
    public static ClusteringResult Cluster(SegmentFeatures features, SegmentOptions options, CancellationToken cancellationToken = default)
    {
        var n = features.Rows;
        var width = features.Width;
        var sample = Sample(n, options.SampleSize, options.Seed);
        var rows = new Row[sample.Length];
        var sampleValues = new float[sample.Length * width];
        for (var s = 0; s < sample.Length; s++)
        {
            var values = features.Row(sample[s]).ToArray();
            rows[s] = new Row { Features = values };
            values.CopyTo(sampleValues, s * width);
        }

        // KMeans++ needs at least k distinct rows; users that do not differ at all are one segment.
        var distinct = DistinctRows(sampleValues, sample.Length, width, options.MaxK + 1);
        var maxK = Math.Min(options.MaxK, Math.Min(sample.Length - 1, distinct));
        if (maxK < 2)
        {
            return new ClusteringResult(1, sampleValues.AsSpan(0, width).ToArray(), new int[n], [], sample.Length);
        }

        var minK = Math.Min(options.MinK, maxK);

        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(rows, schema);

        var scores = new List<KScore>();
        float[]? best = null, first = null;
        var bestScore = double.PositiveInfinity;
        for (var k = minK; k <= maxK; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var centroids = Fit(ml, data, k, width);
            first ??= centroids;
            var sampleAssignments = Assign(sampleValues, sample.Length, width, centroids, k);
            var index = DaviesBouldin(sampleValues, sample.Length, width, centroids, k, sampleAssignments);
            var silhouette = Silhouette(sampleValues, Math.Min(sample.Length, SilhouetteRows), width, k, sampleAssignments);
            scores.Add(new KScore(k, Math.Round(index, 4)) { Silhouette = Math.Round(silhouette, 4) });
            if (index < bestScore - 1e-9)
            {
                bestScore = index;
                best = centroids;
            }
        }

        // Every k scored +∞ (fewer than two non-empty clusters: users that do not differ): keep the smallest k's fit.
        best ??= first!;
        var chosen = best.Length / width;
        var assignments = Assign(features.Values, n, width, best, chosen);
        return new ClusteringResult(chosen, best, assignments, scores, sample.Length);
    }

    private static float[] Fit(MLContext ml, IDataView data, int k, int width)
    {
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Row.Features),
            NumberOfClusters = k,
            NumberOfThreads = 1,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 200,
            OptimizationTolerance = 1e-6f,
        });
        var model = trainer.Fit(data);
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var count);
        var flat = new float[count * width];
        for (var c = 0; c < count; c++)
        {
            centroids[c].CopyTo(flat.AsSpan(c * width, width));
        }

        return flat;
    }

    /// <summary>Each row's nearest centroid (squared Euclidean; ties to the lower index).</summary>
    public static int[] Assign(float[] values, int rows, int width, float[] centroids, int k)
    {
        var assignments = new int[rows];
        for (var u = 0; u < rows; u++)
        {
            var row = values.AsSpan(u * width, width);
            var nearest = 0;
            var nearestDistance = float.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                var distance = System.Numerics.Tensors.TensorPrimitives.Distance(row, centroids.AsSpan(c * width, width));
                if (distance < nearestDistance)
                {
                    nearestDistance = distance;
                    nearest = c;
                }
            }

            assignments[u] = nearest;
        }

        return assignments;
    }

    /// <summary>The silhouette is reported next to the Davies–Bouldin index on this many rows of the (seeded,
    /// shuffled-in) sample: it costs rows² distances.</summary>
    public const int SilhouetteRows = 2_000;

    /// <summary>The mean silhouette of the first <paramref name="rows"/> rows (higher is better, in [-1, 1]): per row,
    /// (b − a) / max(a, b), a being its mean distance to the rest of its cluster and b the smallest mean distance to
    /// another cluster's rows; a row alone in its cluster scores 0.</summary>
    public static double Silhouette(float[] values, int rows, int width, int k, int[] assignments)
    {
        var sizes = new int[k];
        for (var u = 0; u < rows; u++)
        {
            sizes[assignments[u]]++;
        }

        var sums = new double[k];
        var total = 0d;
        for (var u = 0; u < rows; u++)
        {
            Array.Clear(sums);
            var row = values.AsSpan(u * width, width);
            for (var v = 0; v < rows; v++)
            {
                sums[assignments[v]] += System.Numerics.Tensors.TensorPrimitives.Distance(row, values.AsSpan(v * width, width));
            }

            var own = assignments[u];
            if (sizes[own] < 2)
            {
                continue;
            }

            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }

            total += double.IsPositiveInfinity(b) ? 0 : (b - a) / Math.Max(Math.Max(a, b), 1e-12);
        }

        return rows == 0 ? 0 : total / rows;
    }

    /// <summary>The Davies–Bouldin index: the mean over clusters of the worst (scatter_i + scatter_j) / distance(i, j),
    /// scatter being the mean distance of a cluster's rows to its centroid. Empty clusters are left out.</summary>
    public static double DaviesBouldin(float[] values, int rows, int width, float[] centroids, int k, int[] assignments)
    {
        var scatter = new double[k];
        var sizes = new int[k];
        for (var u = 0; u < rows; u++)
        {
            var c = assignments[u];
            scatter[c] += System.Numerics.Tensors.TensorPrimitives.Distance(values.AsSpan(u * width, width), centroids.AsSpan(c * width, width));
            sizes[c]++;
        }

        var sum = 0d;
        var clusters = 0;
        for (var i = 0; i < k; i++)
        {
            if (sizes[i] == 0)
            {
                continue;
            }

            var worst = 0d;
            for (var j = 0; j < k; j++)
            {
                if (j == i || sizes[j] == 0)
                {
                    continue;
                }

                var distance = System.Numerics.Tensors.TensorPrimitives.Distance(centroids.AsSpan(i * width, width), centroids.AsSpan(j * width, width));
                var ratio = ((scatter[i] / sizes[i]) + (scatter[j] / sizes[j])) / Math.Max(distance, 1e-9);
                worst = Math.Max(worst, ratio);
            }

            sum += worst;
            clusters++;
        }

        return clusters < 2 ? double.PositiveInfinity : sum / clusters;
    }

    /// <summary>How many distinct rows there are, counting no further than <paramref name="cap"/>.</summary>
    private static int DistinctRows(float[] values, int rows, int width, int cap)
    {
        var seen = new List<int>(cap);
        for (var u = 0; u < rows && seen.Count < cap; u++)
        {
            var row = values.AsSpan(u * width, width);
            var known = false;
            foreach (var other in seen)
            {
                if (row.SequenceEqual(values.AsSpan(other * width, width)))
                {
                    known = true;
                    break;
                }
            }

            if (!known)
            {
                seen.Add(u);
            }
        }

        return seen.Count;
    }

    /// <summary>A seeded sample of at most <paramref name="size"/> row indices, in increasing order (all rows when there are fewer).</summary>
    private static int[] Sample(int n, int size, int seed)
    {
        if (n <= size)
        {
            return [.. Enumerable.Range(0, n)];
        }

        var random = new Random(seed);
        var all = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var sample = all[..size];
        Array.Sort(sample);
        return sample;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}

/// <summary>The chosen k, its centroids (row-major, k × width), every row's segment, the Davies–Bouldin index of
/// each k tried, and how many rows the sample held.</summary>
public sealed record ClusteringResult(int K, float[] Centroids, int[] Assignments, IReadOnlyList<KScore> Scores, int SampleRows);

/// <summary>A k tried and its Davies–Bouldin index on the sample (lower is better; it chooses k), with the mean
/// silhouette on the sample's first <see cref="SegmentClustering.SilhouetteRows"/> rows (higher is better; reported).</summary>
public sealed record KScore(int K, double DaviesBouldin)
{
    public double? Silhouette { get; init; }
}
