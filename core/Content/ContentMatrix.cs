namespace Tailor.Content;

/// <summary>Content features of a list of items: row-major, <see cref="Dimension"/> floats per item, each row of
/// unit length (or all zeros for an item with no content), so the dot product of two rows is their cosine.</summary>
public sealed class ContentMatrix
{
    private readonly float[] _values;

    public ContentMatrix(int count, int dimension, float[] values)
    {
        if (values.Length != count * dimension)
        {
            throw new ArgumentException($"Expected {count} × {dimension} values.", nameof(values));
        }

        Count = count;
        Dimension = dimension;
        _values = values;
    }

    public int Count { get; }

    public int Dimension { get; }

    public ReadOnlySpan<float> Values => _values;

    public ReadOnlySpan<float> RowOf(int item) => _values.AsSpan(item * Dimension, Dimension);
}
