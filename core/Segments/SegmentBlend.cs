namespace Tailor.Segments;

/// <summary>
/// The list a light user gets (strategy <c>segment</c>): the model's ranked items and their segment's popular items
/// taken in turn — model first — skipping repeats, until <c>count</c> items. Works on item indices, so serving and
/// the offline evaluation (which measures it per activity bucket) run the same rule.
/// </summary>
public static class SegmentBlend
{
    public static int[] Interleave(ReadOnlySpan<int> model, ReadOnlySpan<int> segment, int count)
    {
        var result = new List<int>(count);
        var taken = new HashSet<int>();
        int m = 0, s = 0;
        var fromModel = true;
        while (result.Count < count && (m < model.Length || s < segment.Length))
        {
            if (fromModel ? m < model.Length : s >= segment.Length)
            {
                if (taken.Add(model[m]))
                {
                    result.Add(model[m]);
                }

                m++;
            }
            else
            {
                if (taken.Add(segment[s]))
                {
                    result.Add(segment[s]);
                }

                s++;
            }

            fromModel = !fromModel;
        }

        return [.. result];
    }
}
