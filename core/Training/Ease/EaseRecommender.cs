using System.Numerics.Tensors;
using Tailor.Formats;

namespace Tailor.Training.Ease;

/// <summary>Scores item j for a user as Σ over history items i of x_i · B[i, j].</summary>
public sealed class EaseRecommender : IRecommender
{
    public const string Name = "ease";

    private readonly float[] _weights;

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
