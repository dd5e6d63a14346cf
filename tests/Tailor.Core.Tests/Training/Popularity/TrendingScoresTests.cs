using Tailor.Interactions;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Training.Popularity;

public class TrendingScoresTests
{
    private const long Day = 86_400_000L;

    [Fact]
    public void Trending_counts_users_in_the_recent_window_and_breaks_ties_by_overall_popularity()
    {
        // Items: 0 popular long ago (3 users, none recent), 1 recent for 2 users, 2 recent for 1 user and old for 1.
        var matrix = InteractionMatrix.FromTriples(4, 3, new (int, int, float)[]
        {
            (0, 0, 1), (1, 0, 1), (2, 0, 1),
            (0, 1, 5), (3, 1, 1),
            (1, 2, 1), (2, 2, 1),
        });
        const long now = 50 * Day;
        const long old = now - (30 * Day);

        var trending = TrendingScores.Compute(matrix, AlignedTimes(matrix, [old, old, old, now - Day, now - (6 * Day), now - (8 * Day), now]), now, windowDays: 7);

        Assert.NotNull(trending);

        // Recent users: item 0 → 0, item 1 → 2, item 2 → 1 (the 8-day-old one is outside); plus overall / (3 + 1).
        Assert.Equal(0f + (3f / 4f), trending[0], 1e-6f);
        Assert.Equal(2f + (2f / 4f), trending[1], 1e-6f);
        Assert.Equal(1f + (2f / 4f), trending[2], 1e-6f);
    }

    [Fact]
    public void Without_a_window_or_with_data_no_older_than_the_window_there_is_no_trending()
    {
        var matrix = InteractionMatrix.FromTriples(2, 2, new (int, int, float)[] { (0, 0, 1), (1, 1, 1) });
        const long now = 50 * Day;

        Assert.Null(TrendingScores.Compute(matrix, [now - Day, now], now, windowDays: 0));
        Assert.Null(TrendingScores.Compute(matrix, [now - Day, now], now, windowDays: 7));
        Assert.NotNull(TrendingScores.Compute(matrix, [now - (9 * Day), now], now, windowDays: 7));
    }

    /// <summary>Times given per (user, item) in the order the triples were listed, laid out in the matrix's entry order.</summary>
    private static long[] AlignedTimes(InteractionMatrix matrix, long[] byTriple)
    {
        (int User, int Item)[] triples = [(0, 0), (1, 0), (2, 0), (0, 1), (3, 1), (1, 2), (2, 2)];
        var times = new long[matrix.NonZeroCount];
        for (var t = 0; t < triples.Length; t++)
        {
            var (user, item) = triples[t];
            times[matrix.RowOffsets[user] + matrix.ItemsOf(user).IndexOf(item)] = byTriple[t];
        }

        return times;
    }
}
