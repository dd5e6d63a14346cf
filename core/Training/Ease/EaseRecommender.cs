using System.Numerics.Tensors;
using Tailor.Formats;

namespace Tailor.Training.Ease;

/// <summary>Scores item j for a user as Σ over history items i of x_i · B[i, j].</summary>
public sealed class EaseRecommender : IExplainableRecommender, IItemSimilarity
{
    public const string Name = "ease";

    private readonly float[] _weights;
    private float[]? _rowScale;

    internal EaseRecommender(int itemCount, float[] weights, WeightScale input)
    {
        ItemCount = itemCount;
        _weights = weights;
        Input = input;
    }

    public string Algorithm => Name;

    public int ItemCount { get; }

    public WeightScale Input { get; }

    /// <summary>Row <paramref name="item"/> of B: how much having <paramref name="item"/> raises each item's score.</summary>
    public ReadOnlySpan<float> WeightsFrom(int item) => _weights.AsSpan((int)((long)item * ItemCount), ItemCount);

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        scores[..ItemCount].Clear();
        for (var h = 0; h < items.Length; h++)
        {
            var x = WeightScaling.Apply(Input, weights[h]);
            TensorPrimitives.MultiplyAdd(WeightsFrom(items[h]), x, scores[..ItemCount], scores[..ItemCount]);
        }
    }

    /// <summary>Exactly the history item's term of the score: x_h · B[h, item].</summary>
    public void Contributions(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int item, Span<float> into)
    {
        for (var h = 0; h < items.Length; h++)
        {
            into[h] = WeightScaling.Apply(Input, weights[h]) * _weights[((long)items[h] * ItemCount) + item];
        }
    }

    /// <summary>The mean of B[a, b] and B[b, a], each divided by the largest |weight| in its row.</summary>
    public float Similarity(int a, int b)
    {
        var scale = _rowScale ??= RowScales();
        var n = (long)ItemCount;
        return 0.5f * ((_weights[(a * n) + b] * scale[a]) + (_weights[(b * n) + a] * scale[b]));
    }

    /// <summary>1 / max |B[i, ·]| per row (0 for an empty row); computed once, on the first diversity request.</summary>
    private float[] RowScales()
    {
        var scale = new float[ItemCount];
        for (var i = 0; i < ItemCount; i++)
        {
            var max = TensorPrimitives.MaxMagnitude(WeightsFrom(i));
            scale[i] = max > 0f ? 1f / MathF.Abs(max) : 0f;
        }

        return scale;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(ItemCount);
        writer.Write((int)Input);
        ArtifactFormat.WriteArray<float>(writer, _weights);
    }

    public static EaseRecommender Read(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        var input = (WeightScale)reader.ReadInt32();
        var weights = ArtifactFormat.ReadArray<float>(reader);
        if (weights.LongLength != (long)n * n)
        {
            throw new InvalidDataException($"EASE artifact holds {weights.Length} weights for {n} items.");
        }

        return new EaseRecommender(n, weights, input);
    }
}
