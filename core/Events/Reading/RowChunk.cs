namespace Tailor.Events.Reading;

/// <summary>A reusable buffer of parsed rows: the accepted values and the rejected rows of one read.</summary>
internal class RowChunk<T>(int capacity = RowChunk<T>.DefaultCapacity)
{
    public const int DefaultCapacity = 8192;

    public int Capacity { get; } = capacity;

    public List<T> Accepted { get; } = new(capacity);

    public List<RowRejection> Rejected { get; } = [];

    /// <summary>Data rows read into this chunk (accepted + rejected; blank lines are not rows).</summary>
    public int RowsRead => Accepted.Count + Rejected.Count;

    public bool IsFull => RowsRead >= Capacity;

    public void Clear()
    {
        Accepted.Clear();
        Rejected.Clear();
    }
}
