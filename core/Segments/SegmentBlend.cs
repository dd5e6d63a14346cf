namespace Tailor.Segments;

/// <summary>
/// The list a light user gets (strategy <c>segment</c>): the model's top items, then their segment's popular items in
/// the last <c>slots</c> places of the <c>count</c>, skipping repeats; places the segment cannot fill go back to the
/// model. Works on item indices, so serving and the offline evaluation (which measures it per activity bucket) run
/// the same rule.
/// </summary>
public static class SegmentBlend
{
    public static int[] Fill(ReadOnlySpan<int> model, ReadOnlySpan<int> segment, int count, int slots)
    {
        var result = new List<int>(count);
        var taken = new HashSet<int>();
        var fromModel = count - Math.Clamp(slots, 0, count);
        var m = 0;
        for (; m < model.Length && result.Count < fromModel; m++)
        {
            if (taken.Add(model[m]))
            {
                result.Add(model[m]);
            }
        }

        for (var s = 0; s < segment.Length && result.Count < count; s++)
        {
            if (taken.Add(segment[s]))
            {
                result.Add(segment[s]);
            }
        }

        for (; m < model.Length && result.Count < count; m++)
        {
            if (taken.Add(model[m]))
            {
                result.Add(model[m]);
            }
        }

        return [.. result];
    }
}
