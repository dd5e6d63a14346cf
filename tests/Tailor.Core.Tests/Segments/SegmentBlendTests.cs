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
