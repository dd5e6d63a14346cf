using Tailor.Segments;

namespace Tailor.Tests.Segments;

public sealed class SegmentBlendTests
{
    [Fact]
    public void Model_and_segment_items_alternate_model_first_without_repeats()
    {
        Assert.Equal([1, 10, 2, 11, 3, 12], SegmentBlend.Interleave([1, 2, 3, 4], [10, 11, 12, 13], 6));
        Assert.Equal([1, 10, 2, 3, 4], SegmentBlend.Interleave([1, 2, 3, 4], [10, 2], 10));
        Assert.Equal([10, 11], SegmentBlend.Interleave([], [10, 11], 5));
        Assert.Equal([1, 2], SegmentBlend.Interleave([1, 2], [], 5));
    }
}

public sealed class SegmentLabelTests
{
    [Theory]
    [InlineData(30.0, "Drama", 0.5, "Thriller", 0.2, "evenings", 0.1, "frequent Drama/Thriller, evenings")]
    [InlineData(5.0, "Comedy", 0.6, "Comedy/old", 0.3, "", 0.5, "occasional Comedy, weekends")]
    [InlineData(10.0, "Drama", 0.1, "Comedy", 0.1, "mornings", 0.2, "regular, broad taste, mornings")]
    public void Labels_name_activity_leading_categories_and_time(
        double meanEvents, string first, double firstShare, string second, double secondShare, string peak, double weekend, string expected)
    {
        var label = SegmentLabel.For(meanEvents, 12, [(first, firstShare), (second, secondShare)], peak, weekend);

        Assert.Equal(expected, label);
    }
}
