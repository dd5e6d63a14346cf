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

        var expected = Enumerable.Range(0, length)
            .Where(i => scores[i] > float.NegativeInfinity)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(k)
            .ToArray();

        var indices = new int[k];
        var count = TopK.Select(scores, indices);
        Assert.Equal(expected, indices[..count]);
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
