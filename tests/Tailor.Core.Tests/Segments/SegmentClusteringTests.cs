using Tailor.Segments;

namespace Tailor.Tests.Segments;

public sealed class SegmentClusteringTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(7, 3)]
    public void Davies_Bouldin_choice_recovers_the_planted_number_of_clusters(int planted, int seed)
    {
        var (features, truth) = Planted(planted, usersPerCluster: 300, width: 6, seed);

        var result = SegmentClustering.Cluster(features, new SegmentOptions { Seed = 42 });

        Assert.Equal(planted, result.K);
        Assert.Equal(planted, result.Scores.MinBy(s => s.DaviesBouldin)!.K);
        Assert.True(Purity(result.Assignments, truth, planted) > 0.95, "clusters should match the planted groups");
    }

    [Fact]
    public void The_same_features_and_seed_give_the_same_segments()
    {
        var (first, _) = Planted(4, usersPerCluster: 200, width: 5, seed: 9);
        var (second, _) = Planted(4, usersPerCluster: 200, width: 5, seed: 9);

        var a = SegmentClustering.Cluster(first, new SegmentOptions { Seed = 7, SampleSize = 500 });
        var b = SegmentClustering.Cluster(second, new SegmentOptions { Seed = 7, SampleSize = 500 });

        Assert.Equal(a.K, b.K);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(500, a.SampleRows);
    }

    [Fact]
    public void K_stays_inside_the_configured_range()
    {
        var (features, _) = Planted(6, usersPerCluster: 100, width: 4, seed: 4);

        var result = SegmentClustering.Cluster(features, new SegmentOptions { MinK = 2, MaxK = 3 });

        Assert.InRange(result.K, 2, 3);
        Assert.Equal([2, 3], result.Scores.Select(s => s.K));
    }

    [Fact]
    public void Silhouette_is_near_one_for_tight_separated_clusters_and_below_zero_for_a_split_blob()
    {
        float[] values = [-5.1f, -4.9f, -5f, 4.9f, 5.1f, 5f];

        var tight = SegmentClustering.Silhouette(values, 6, 1, 2, [0, 0, 0, 1, 1, 1]);
        var mixed = SegmentClustering.Silhouette(values, 6, 1, 2, [0, 1, 0, 1, 0, 1]);

        Assert.InRange(tight, 0.95, 1.0);
        Assert.True(mixed < 0, $"{mixed}");
    }

    [Fact]
    public void Davies_Bouldin_is_lower_for_tight_separated_clusters_than_for_a_split_blob()
    {
        // Two tight groups at -5 and +5 on one axis: scatter ~0.1, distance 10.
        float[] values = [-5.1f, -4.9f, -5f, 4.9f, 5.1f, 5f];
        var index = SegmentClustering.DaviesBouldin(values, 6, 1, [-5f, 5f], 2, [0, 0, 0, 1, 1, 1]);
        // The same points split badly: one centroid per mixed half.
        var mixed = SegmentClustering.DaviesBouldin(values, 6, 1, [0f, 0.1f], 2, [0, 1, 0, 1, 0, 1]);

        Assert.InRange(index, 0.0, 0.05);
        Assert.True(mixed > 10 * index);
    }

    /// <summary>Gaussian blobs (sd 0.5) around centres drawn uniformly in [-10, 10]^width.</summary>
    internal static (SegmentFeatures Features, int[] Truth) Planted(int clusters, int usersPerCluster, int width, int seed)
    {
        var random = new Random(seed);
        var centres = new float[clusters * width];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = (float)((random.NextDouble() * 20) - 10);
        }

        var n = clusters * usersPerCluster;
        var values = new float[n * width];
        var truth = new int[n];
        for (var u = 0; u < n; u++)
        {
            var c = u % clusters;
            truth[u] = c;
            for (var j = 0; j < width; j++)
            {
                values[(u * width) + j] = centres[(c * width) + j] + (0.5f * Gaussian(random));
            }
        }

        return (SegmentFeatures.FromRaw(values, n, [.. Enumerable.Range(0, width).Select(j => "f" + j)]), truth);
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>Share of rows whose cluster's majority planted group is their own.</summary>
    private static double Purity(int[] assignments, int[] truth, int groups)
    {
        var right = 0;
        foreach (var cluster in assignments.Distinct())
        {
            var counts = new int[groups];
            for (var u = 0; u < assignments.Length; u++)
            {
                if (assignments[u] == cluster)
                {
                    counts[truth[u]]++;
                }
            }

            right += counts.Max();
        }

        return right / (double)assignments.Length;
    }
}

public sealed class SegmentClusteringEdgeTests
{
    [Fact]
    public void Users_that_do_not_differ_still_get_a_segment_each()
    {
        var features = SegmentFeatures.FromRaw(new float[60 * 3], 60, ["a", "b", "c"]);

        var result = SegmentClustering.Cluster(features, new SegmentOptions());

        Assert.Equal(1, result.K);
        Assert.Equal(new int[60], result.Assignments);
    }

    [Fact]
    public void Three_distinct_users_cap_k_at_three()
    {
        var values = new float[60];
        for (var u = 0; u < 60; u++)
        {
            values[u] = u % 3;
        }

        var result = SegmentClustering.Cluster(SegmentFeatures.FromRaw(values, 60, ["a"]), new SegmentOptions());

        Assert.Equal([2, 3], result.Scores.Select(s => s.K));
        Assert.Equal(3, result.K);
    }
}
