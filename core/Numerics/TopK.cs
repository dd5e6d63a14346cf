using System.Numerics;
using System.Runtime.InteropServices;

namespace Tailor.Numerics;

/// <summary>Selects the indices of the k largest scores, best first.</summary>
public static class TopK
{
    /// <summary>Fills <paramref name="indices"/> with the indices of the largest finite scores in descending
    /// order (ties by lower index) and returns how many were written (at most <paramref name="indices"/>.Length).
    /// Scores of <see cref="float.NegativeInfinity"/> or NaN are never selected, so callers mask excluded items that way.</summary>
    public static int Select(ReadOnlySpan<float> scores, Span<int> indices)
    {
        var k = indices.Length;
        if (k == 0)
        {
            return 0;
        }

        // Min-heap of the best k seen so far: heap[0] is the weakest kept candidate.
        var count = 0;
        var i = 0;
        for (; i < scores.Length && count < k; i++)
        {
            if (scores[i] > float.NegativeInfinity)
            {
                indices[count] = i;
                SiftUp(scores, indices, count++);
            }
        }

        if (count == k)
        {
            // Scanning in index order, a later score only enters if it beats the weakest kept one strictly
            // (a tie loses on index), so whole vectors at or below that threshold are skipped at once.
            // NaN and -∞ never compare greater, so they are skipped too.
            var threshold = scores[indices[0]];
            var width = Vector<float>.Count;
            ref var first = ref MemoryMarshal.GetReference(scores);
            for (; i + width <= scores.Length; i += width)
            {
                if (!Vector.GreaterThanAny(Vector.LoadUnsafe(ref first, (nuint)i), new Vector<float>(threshold)))
                {
                    continue;
                }

                for (var j = i; j < i + width; j++)
                {
                    if (scores[j] > threshold)
                    {
                        indices[0] = j;
                        SiftDown(scores, indices, 0, count);
                        threshold = scores[indices[0]];
                    }
                }
            }

            for (; i < scores.Length; i++)
            {
                if (scores[i] > threshold)
                {
                    indices[0] = i;
                    SiftDown(scores, indices, 0, count);
                    threshold = scores[indices[0]];
                }
            }
        }

        // Heap sort into descending order.
        for (var end = count - 1; end > 0; end--)
        {
            (indices[0], indices[end]) = (indices[end], indices[0]);
            SiftDown(scores, indices, 0, end);
        }

        return count;
    }

    private static bool Better(ReadOnlySpan<float> scores, int a, int b) =>
        scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    private static void SiftUp(ReadOnlySpan<float> scores, Span<int> heap, int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!Better(scores, heap[parent], heap[at]))
            {
                break;
            }

            (heap[parent], heap[at]) = (heap[at], heap[parent]);
            at = parent;
        }
    }

    private static void SiftDown(ReadOnlySpan<float> scores, Span<int> heap, int at, int count)
    {
        while (true)
        {
            var left = (2 * at) + 1;
            if (left >= count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < count && Better(scores, heap[left], heap[right]))
            {
                worst = right;
            }

            if (!Better(scores, heap[at], heap[worst]))
            {
                return;
            }

            (heap[at], heap[worst]) = (heap[worst], heap[at]);
            at = worst;
        }
    }
}
