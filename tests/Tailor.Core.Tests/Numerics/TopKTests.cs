using Tailor.Numerics;

namespace Tailor.Tests.Numerics;

public class TopKTests
{
    public static TheoryData<int, int> Cases => new()
    {
        { 1, 1 }, { 15, 10 }, { 30, 10 }, { 33, 5 }, { 64, 64 }, { 100, 10 }, { 1000, 10 }, { 30000, 10 }, { 5, 20 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_matches_a_full_sort(int length, int k)
    {
        var random = new Random(length * 31 + k);
        var scores = new float[length];
        for (var i = 0; i < length; i++)
        {
            // Few distinct values so ties are common; some masked entries.
            var roll = random.Next(20);
            scores[i] = roll == 0 ? float.NegativeInfinity : roll == 1 ? float.NaN : random.Next(50);
        }

        var expected = NaiveLinearAlgebra.TopBySort(scores, k);

        var indices = new int[k];
        var count = TopK.Select(scores, indices);
        Assert.Equal(expected, indices[..count]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_matches_a_full_sort_on_distinct_and_ascending_scores(int length, int k)
    {
        var random = new Random(length + (7 * k));
        var distinct = new float[length];
        var ascending = new float[length];
        for (var i = 0; i < length; i++)
        {
            distinct[i] = (float)random.NextDouble();
            ascending[i] = i * 0.5f; // every element enters the heap: the prefilter's worst case
        }

        foreach (var scores in new[] { distinct, ascending })
        {
            var expected = NaiveLinearAlgebra.TopBySort(scores, k);
            var indices = new int[k];
            var count = TopK.Select(scores, indices);
            Assert.Equal(expected, indices[..count]);
        }
    }

    [Fact]
    public void Select_returns_nothing_when_every_score_is_masked()
    {
        var scores = new float[40];
        scores.AsSpan().Fill(float.NegativeInfinity);
        scores[3] = float.NaN;
        Assert.Equal(0, TopK.Select(scores, new int[5]));
    }

    [Fact]
    public void Select_on_sorted_input_keeps_the_best()
    {
        var ascending = Enumerable.Range(0, 1000).Select(i => (float)i).ToArray();
        var indices = new int[3];
        Assert.Equal(3, TopK.Select(ascending, indices));
        Assert.Equal([999, 998, 997], indices);
    }
}
