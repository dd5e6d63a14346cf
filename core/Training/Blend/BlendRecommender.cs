using System.Buffers;

namespace Tailor.Training.Blend;

/// <summary>
/// A weighted sum of two or more models' scores. Each part's scores are min-max normalised per user over
/// the items outside the user's history (so already-seen items cannot stretch the scale), then weighted.
/// </summary>
public sealed class BlendRecommender : IRecommender
{
    public const string Name = "blend";

    private readonly IRecommender[] _parts;
    private readonly float[] _weights;

    public BlendRecommender(IReadOnlyList<IRecommender> parts, IReadOnlyList<float> weights)
    {
        if (parts.Count == 0 || parts.Count != weights.Count)
        {
            throw new ArgumentException("A blend needs at least one part and one weight per part.", nameof(weights));
        }

        ItemCount = parts[0].ItemCount;
        foreach (var part in parts)
        {
            if (part.ItemCount != ItemCount)
            {
                throw new ArgumentException("Every part of a blend must score the same catalog.", nameof(parts));
            }
        }

        _parts = [.. parts];
        _weights = [.. weights];
    }

    public string Algorithm => Name;

    public int ItemCount { get; }

    public IReadOnlyList<IRecommender> Parts => _parts;

    public IReadOnlyList<float> Weights => _weights;

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var n = ItemCount;
        scores[..n].Clear();
        var rented = ArrayPool<float>.Shared.Rent(n);
        var inHistory = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            var part = rented.AsSpan(0, n);
            var history = inHistory.AsSpan(0, n);
            history.Clear();
            foreach (var item in items)
            {
                history[item] = true;
            }

            for (var p = 0; p < _parts.Length; p++)
            {
                _parts[p].Score(user, items, weights, part);
                AddNormalised(part, history, _weights[p], scores[..n]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
            ArrayPool<bool>.Shared.Return(inHistory);
        }
    }

    private static void AddNormalised(ReadOnlySpan<float> part, ReadOnlySpan<bool> history, float weight, Span<float> scores)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        for (var i = 0; i < part.Length; i++)
        {
            if (!history[i] && float.IsFinite(part[i]))
            {
                min = Math.Min(min, part[i]);
                max = Math.Max(max, part[i]);
            }
        }

        if (!(max > min))
        {
            return; // a constant part adds nothing to the ranking
        }

        var scale = weight / (max - min);
        for (var i = 0; i < part.Length; i++)
        {
            if (float.IsFinite(part[i]))
            {
                scores[i] += (part[i] - min) * scale;
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_parts.Length);
        for (var p = 0; p < _parts.Length; p++)
        {
            writer.Write(_weights[p]);
            writer.Write(_parts[p].Algorithm);
            _parts[p].Write(writer);
        }
    }

    public static BlendRecommender Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is <= 0 or > 16)
        {
            throw new InvalidDataException($"A blend artifact with {count} parts is not valid.");
        }

        var parts = new IRecommender[count];
        var weights = new float[count];
        for (var p = 0; p < count; p++)
        {
            weights[p] = reader.ReadSingle();
            parts[p] = RecommenderFormat.Read(reader.ReadString(), reader);
        }

        return new BlendRecommender(parts, weights);
    }
}
