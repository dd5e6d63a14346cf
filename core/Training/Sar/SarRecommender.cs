using System.Numerics.Tensors;
using Tailor.Formats;

namespace Tailor.Training.Sar;

/// <summary>Sparse item–item similarities (each item's top neighbours, CSR) and the affinity rule.</summary>
public sealed class SarRecommender : IExplainableRecommender, IItemSimilarity
{
    public const string Name = "sar";

    private readonly int[] _offsets;
    private readonly int[] _neighbours;
    private readonly float[] _similarities;
    private float[]? _rowScale;

    internal SarRecommender(int itemCount, int[] offsets, int[] neighbours, float[] similarities, WeightScale input)
    {
        ItemCount = itemCount;
        _offsets = offsets;
        _neighbours = neighbours;
        _similarities = similarities;
        Input = input;
    }

    public string Algorithm => Name;

    public int ItemCount { get; }

    public WeightScale Input { get; }

    /// <summary>The kept neighbours of <paramref name="item"/> (ascending index) and their similarities.</summary>
    public (ReadOnlyMemory<int> Items, ReadOnlyMemory<float> Similarities) NeighboursOf(int item)
    {
        var start = _offsets[item];
        var length = _offsets[item + 1] - start;
        return (_neighbours.AsMemory(start, length), _similarities.AsMemory(start, length));
    }

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        scores[..ItemCount].Clear();
        for (var h = 0; h < items.Length; h++)
        {
            var affinity = WeightScaling.Apply(Input, weights[h]);
            var start = _offsets[items[h]];
            var end = _offsets[items[h] + 1];
            for (var k = start; k < end; k++)
            {
                scores[_neighbours[k]] += affinity * _similarities[k];
            }
        }
    }

    /// <summary>Exactly the history item's term of the score: affinity_h · S[h, item] (0 when item is not among h's kept neighbours).</summary>
    public void Contributions(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int item, Span<float> into)
    {
        for (var h = 0; h < items.Length; h++)
        {
            into[h] = WeightScaling.Apply(Input, weights[h]) * Kept(items[h], item);
        }
    }

    /// <summary>The mean of S[a, b] and S[b, a], each divided by the largest |similarity| among its item's kept neighbours.</summary>
    public float Similarity(int a, int b)
    {
        var scale = _rowScale ??= RowScales();
        return 0.5f * ((Kept(a, b) * scale[a]) + (Kept(b, a) * scale[b]));
    }

    /// <summary>S[from, to] when <paramref name="to"/> is a kept neighbour of <paramref name="from"/>, else 0.</summary>
    private float Kept(int from, int to)
    {
        var start = _offsets[from];
        var at = _neighbours.AsSpan(start, _offsets[from + 1] - start).BinarySearch(to);
        return at >= 0 ? _similarities[start + at] : 0f;
    }

    private float[] RowScales()
    {
        var scale = new float[ItemCount];
        for (var i = 0; i < ItemCount; i++)
        {
            var start = _offsets[i];
            var length = _offsets[i + 1] - start;
            var max = length == 0 ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(_similarities.AsSpan(start, length)));
            scale[i] = max > 0f ? 1f / max : 0f;
        }

        return scale;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(ItemCount);
        writer.Write((int)Input);
        ArtifactFormat.WriteArray<int>(writer, _offsets);
        ArtifactFormat.WriteArray<int>(writer, _neighbours);
        ArtifactFormat.WriteArray<float>(writer, _similarities);
    }

    public static SarRecommender Read(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        var input = (WeightScale)reader.ReadInt32();
        var offsets = ArtifactFormat.ReadArray<int>(reader);
        var neighbours = ArtifactFormat.ReadArray<int>(reader);
        var similarities = ArtifactFormat.ReadArray<float>(reader);
        if (offsets.Length != n + 1 || neighbours.Length != similarities.Length || offsets[n] != neighbours.Length)
        {
            throw new InvalidDataException("SAR artifact's neighbour tables do not agree in length.");
        }

        return new SarRecommender(n, offsets, neighbours, similarities, input);
    }
}
