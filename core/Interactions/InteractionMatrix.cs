namespace Tailor.Interactions;

/// <summary>
/// Users × items interactions in compressed sparse rows: row <c>u</c> holds the items user <c>u</c>
/// interacted with (ascending item index) and the summed weight of those interactions. Indices are
/// dense (0..UserCount-1, 0..ItemCount-1); the mapping to external ids lives beside it.
/// </summary>
public sealed class InteractionMatrix
{
    public InteractionMatrix(int userCount, int itemCount, int[] rowOffsets, int[] columns, float[] values)
    {
        if (rowOffsets.Length != userCount + 1)
        {
            throw new ArgumentException($"rowOffsets must have {userCount + 1} entries, has {rowOffsets.Length}.", nameof(rowOffsets));
        }

        if (columns.Length != values.Length || rowOffsets[userCount] != columns.Length)
        {
            throw new ArgumentException("columns, values and the last row offset must agree in length.", nameof(columns));
        }

        UserCount = userCount;
        ItemCount = itemCount;
        RowOffsets = rowOffsets;
        Columns = columns;
        Values = values;
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    /// <summary>Row start offsets, length <see cref="UserCount"/> + 1.</summary>
    public int[] RowOffsets { get; }

    /// <summary>Item index of each stored interaction, ascending within a row.</summary>
    public int[] Columns { get; }

    /// <summary>Weight (confidence) of each stored interaction; always positive.</summary>
    public float[] Values { get; }

    public int NonZeroCount => Columns.Length;

    public ReadOnlySpan<int> ItemsOf(int user) => Columns.AsSpan(RowOffsets[user], RowOffsets[user + 1] - RowOffsets[user]);

    public ReadOnlySpan<float> WeightsOf(int user) => Values.AsSpan(RowOffsets[user], RowOffsets[user + 1] - RowOffsets[user]);

    public int CountOf(int user) => RowOffsets[user + 1] - RowOffsets[user];

    /// <summary>Builds a matrix from (user, item, weight) triples; duplicates are summed and
    /// non-positive sums dropped.</summary>
    public static InteractionMatrix FromTriples(int userCount, int itemCount, ReadOnlySpan<(int User, int Item, float Weight)> triples)
    {
        var counts = new int[userCount + 1];
        foreach (var t in triples)
        {
            counts[t.User + 1]++;
        }

        for (var u = 0; u < userCount; u++)
        {
            counts[u + 1] += counts[u];
        }

        var cursor = (int[])counts.Clone();
        var cols = new int[triples.Length];
        var vals = new float[triples.Length];
        foreach (var t in triples)
        {
            var at = cursor[t.User]++;
            cols[at] = t.Item;
            vals[at] = t.Weight;
        }

        // Sort each row by item and merge duplicates in place.
        var offsets = new int[userCount + 1];
        var write = 0;
        for (var u = 0; u < userCount; u++)
        {
            var start = counts[u];
            var end = counts[u + 1];
            Array.Sort(cols, vals, start, end - start);
            offsets[u] = write;
            var i = start;
            while (i < end)
            {
                var item = cols[i];
                var sum = 0f;
                while (i < end && cols[i] == item)
                {
                    sum += vals[i++];
                }

                if (sum > 0f)
                {
                    cols[write] = item;
                    vals[write] = sum;
                    write++;
                }
            }
        }

        offsets[userCount] = write;
        return new InteractionMatrix(userCount, itemCount, offsets, cols[..write], vals[..write]);
    }

    /// <summary>The items × users transpose (rows are items).</summary>
    public InteractionMatrix Transpose()
    {
        var counts = new int[ItemCount + 1];
        foreach (var c in Columns)
        {
            counts[c + 1]++;
        }

        for (var i = 0; i < ItemCount; i++)
        {
            counts[i + 1] += counts[i];
        }

        var cursor = (int[])counts.Clone();
        var cols = new int[NonZeroCount];
        var vals = new float[NonZeroCount];
        for (var u = 0; u < UserCount; u++)
        {
            for (var k = RowOffsets[u]; k < RowOffsets[u + 1]; k++)
            {
                var at = cursor[Columns[k]]++;
                cols[at] = u;
                vals[at] = Values[k];
            }
        }

        return new InteractionMatrix(ItemCount, UserCount, counts, cols, vals);
    }
}
