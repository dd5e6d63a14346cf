using Tailor.Segments;

namespace Tailor.Tests.Segments;

public sealed class SegmentBlendTests
{
    [Fact]
    public void Segment_items_fill_the_last_slots_after_the_models_top_items_without_repeats()
    {
        Assert.Equal([1, 2, 3, 10], SegmentBlend.Fill([1, 2, 3, 4], [10, 11, 12, 13], 4, slots: 1));
        Assert.Equal([1, 2, 10, 11], SegmentBlend.Fill([1, 2, 3, 4], [10, 11, 12, 13], 4, slots: 2));
        Assert.Equal([1, 2, 10, 3, 4], SegmentBlend.Fill([1, 2, 3, 4], [2, 10], 5, slots: 3));
        Assert.Equal([10, 11], SegmentBlend.Fill([], [10, 11], 5, slots: 1));
        Assert.Equal([1, 2], SegmentBlend.Fill([1, 2], [], 5, slots: 2));
        Assert.Equal([1, 2, 3], SegmentBlend.Fill([1, 2, 3], [10], 3, slots: 0));
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
