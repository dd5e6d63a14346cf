using Tailor.Evaluation;
using Tailor.Interactions;

namespace Tailor.Tests.Evaluation;

public class FallbackSelectionTests
{
    private const long Day = 86_400_000L;

    [Fact]
    public void Trending_is_preferred_when_users_latest_interactions_are_the_recently_popular_items()
    {
        var (matrix, times) = Shifted(latestAreNew: true);

        Assert.True(FallbackSelection.PrefersTrending(matrix, times, windowDays: 7, validationFraction: 0.25, k: 10, maxUsers: 1000, seed: 42));
    }

    [Fact]
    public void Popular_is_kept_when_the_latest_interactions_return_to_the_long_time_favourites()
    {
        var (matrix, times) = Shifted(latestAreNew: false);

        Assert.False(FallbackSelection.PrefersTrending(matrix, times, windowDays: 7, validationFraction: 0.25, k: 10, maxUsers: 1000, seed: 42));
        Assert.False(FallbackSelection.PrefersTrending(matrix, times, windowDays: 0, validationFraction: 0.25, k: 10, maxUsers: 1000, seed: 42));
    }

    /// <summary>200 users, 40 items. Each user touches 8 of items 0–19 on days 0–30 and 4 of items 20–39 on days 95–99;
    /// the latest 4 (day 100) are more of items 20–39, or, without <paramref name="latestAreNew"/>, more of items 0–19.</summary>
    private static (InteractionMatrix Matrix, long[] Times) Shifted(bool latestAreNew)
    {
        var random = new Random(11);
        var triples = new List<(int, int, float)>();
        var timeOf = new Dictionary<(int, int), long>();
        for (var u = 0; u < 200; u++)
        {
            var old = Enumerable.Range(0, 20).OrderBy(_ => random.Next()).ToArray();
            var fresh = Enumerable.Range(20, 20).OrderBy(_ => random.Next()).ToArray();
            void Add(int item, long time)
            {
                triples.Add((u, item, 1f));
                timeOf[(u, item)] = time;
            }

            for (var k = 0; k < 8; k++)
            {
                Add(old[k], random.Next(30) * Day);
            }

            for (var k = 0; k < 4; k++)
            {
                Add(fresh[k], (95 + random.Next(5)) * Day);
            }

            for (var k = 0; k < 4; k++)
            {
                Add(latestAreNew ? fresh[4 + k] : old[8 + k], (100 * Day) + u);
            }
        }

        var matrix = InteractionMatrix.FromTriples(200, 40, [.. triples]);
        var times = new long[matrix.NonZeroCount];
        for (var u = 0; u < 200; u++)
        {
            for (var k = matrix.RowOffsets[u]; k < matrix.RowOffsets[u + 1]; k++)
            {
                times[k] = timeOf[(u, matrix.Columns[k])];
            }
        }

        return (matrix, times);
    }
}
