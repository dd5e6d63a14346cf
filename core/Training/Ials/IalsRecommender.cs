using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Tailor.Numerics;

namespace Tailor.Training.Ials;

/// <summary>
/// User and item factors of implicit ALS (flat row-major, k floats per row). A known user's score for
/// item i is dot(userFactor, itemFactor_i); an unknown user (-1) is folded in from the given history by
/// the same least-squares step training applies to every user.
/// </summary>
public sealed class IalsRecommender : IExplainableRecommender, IItemSimilarity
{
    public const string Name = "ials";

    private const int FormatVersion = 1;

    private readonly float[] _userFactors;
    private readonly float[] _itemFactors;
    private readonly float[] _regularizedGram;
    private readonly IalsOptions _options;
    private float[]? _itemNorms;

    public IalsRecommender(IalsOptions options, int userCount, int itemCount, float[] userFactors, float[] itemFactors)
        : this(options, userCount, itemCount, userFactors, itemFactors, null)
    {
    }

    internal IalsRecommender(IalsOptions options, int userCount, int itemCount, float[] userFactors, float[] itemFactors, float[]? itemGram)
    {
        var k = options.Factors;
        if (userFactors.Length != userCount * k || itemFactors.Length != itemCount * k)
        {
            throw new ArgumentException($"Factor arrays must hold {userCount} × {k} and {itemCount} × {k} floats.", nameof(userFactors));
        }

        _options = options;
        UserCount = userCount;
        ItemCount = itemCount;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _regularizedGram = new float[k * k];
        if (itemGram is null)
        {
            DenseKernels.Gram(itemFactors, itemCount, k, _regularizedGram);
        }
        else
        {
            itemGram.AsSpan(0, k * k).CopyTo(_regularizedGram);
        }

        for (var d = 0; d < k; d++)
        {
            _regularizedGram[(d * k) + d] += options.Regularization;
        }
    }

    public string Algorithm => Name;

    public int ItemCount { get; }

    public int UserCount { get; }

    public int Factors => _options.Factors;

    /// <summary>The settings the model was trained with. A model read back by <see cref="Read"/> restores only what
    /// scoring needs (factors, regularization and its exponent, confidence); the other settings are defaults.</summary>
    public IalsOptions Options => _options;

    public ReadOnlySpan<float> UserFactors => _userFactors;

    public ReadOnlySpan<float> ItemFactors => _itemFactors;

    public ReadOnlySpan<float> UserFactorsOf(int user) => _userFactors.AsSpan(user * Factors, Factors);

    /// <summary>Item i's factor row, e.g. for item-item cosine similarity.</summary>
    public ReadOnlySpan<float> ItemFactorsOf(int item) => _itemFactors.AsSpan(item * Factors, Factors);

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var k = Factors;
        if ((uint)user < (uint)UserCount)
        {
            DenseKernels.ScoreAll(_itemFactors, ItemCount, k, UserFactorsOf(user), scores);
            return;
        }

        var rented = ArrayPool<float>.Shared.Rent(k);
        try
        {
            var factor = rented.AsSpan(0, k);
            FoldIn(items, weights, factor);
            DenseKernels.ScoreAll(_itemFactors, ItemCount, k, factor, scores);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Solves the factor of a user with the given history (item indices and weights), exactly as an
    /// ALS user step with the Cholesky solver. Like the training matrix, repeated items count once with their
    /// weights summed and items whose summed weight is not positive are dropped; items outside 0..ItemCount-1
    /// are ignored.</summary>
    public void FoldIn(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> factor)
    {
        var k = Factors;
        var count = Math.Min(items.Length, weights.Length);
        var rented = ArrayPool<float>.Shared.Rent((k * k) + (IalsRowSolver.ExactBlockRows * k) + count);
        var rentedItems = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var kept = 0;
            var history = rentedItems.AsSpan(0, count);
            var excess = rented.AsSpan((k * k) + (IalsRowSolver.ExactBlockRows * k), count);
            for (var n = 0; n < count; n++)
            {
                if ((uint)items[n] < (uint)ItemCount)
                {
                    history[kept] = items[n];
                    excess[kept] = weights[n];
                    kept++;
                }
            }

            history[..kept].Sort(excess[..kept]);
            var merged = 0;
            for (var n = 0; n < kept;)
            {
                var item = history[n];
                var weight = 0f;
                for (; n < kept && history[n] == item; n++)
                {
                    weight += excess[n];
                }

                if (weight > 0f)
                {
                    history[merged] = item;
                    excess[merged] = _options.ExcessConfidence(weight);
                    merged++;
                }
            }

            IalsRowSolver.SolveExact(
                _regularizedGram, _itemFactors, k, history[..merged], excess[..merged], _options.ExtraRegularization(excess[..merged], ItemCount),
                rented.AsSpan(0, k * k), rented.AsSpan(k * k, IalsRowSolver.ExactBlockRows * k), factor);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rentedItems);
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Factor similarity weighted by confidence: (1 + excess confidence of w_h) · cos(q_h, q_item). An
    /// approximation — the exact term would need the user's solve — that ranks history items the way the user's
    /// factor was pulled towards them.</summary>
    public void Contributions(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int item, Span<float> into)
    {
        for (var h = 0; h < items.Length; h++)
        {
            into[h] = weights[h] > 0f ? (1f + _options.ExcessConfidence(weights[h])) * Similarity(items[h], item) : 0f;
        }
    }

    /// <summary>Cosine similarity of the two items' factors (0 when either is all zeros).</summary>
    public float Similarity(int a, int b)
    {
        var norms = _itemNorms ??= ItemNorms();
        var scale = norms[a] * norms[b];
        return scale > 0f ? TensorPrimitives.Dot(ItemFactorsOf(a), ItemFactorsOf(b)) / scale : 0f;
    }

    /// <summary>Each item factor's length; computed on the first diversity request (a race computes it twice, harmlessly).</summary>
    private float[] ItemNorms()
    {
        var norms = new float[ItemCount];
        for (var i = 0; i < ItemCount; i++)
        {
            norms[i] = TensorPrimitives.Norm(ItemFactorsOf(i));
        }

        return norms;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(Factors);
        writer.Write(UserCount);
        writer.Write(ItemCount);
        writer.Write(_options.Regularization);
        writer.Write(_options.Alpha);
        writer.Write((int)_options.Confidence);
        writer.Write(_options.LogEpsilon);
        writer.Write(_options.RegularizationExponent);
        WriteFloats(writer, _userFactors);
        WriteFloats(writer, _itemFactors);
    }

    public static IalsRecommender Read(BinaryReader reader)
    {
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported ials model format version {version}.");
        }

        var k = reader.ReadInt32();
        var users = reader.ReadInt32();
        var items = reader.ReadInt32();
        if (k < 1 || users < 0 || items < 0 || (long)(users + (long)items) * k > Array.MaxLength)
        {
            throw new InvalidDataException($"Invalid ials model dimensions: {k} factors, {users} users, {items} items.");
        }

        var factorBytes = ((long)users + items) * k * sizeof(float);
        if (reader.BaseStream.CanSeek && reader.BaseStream.Length - reader.BaseStream.Position < factorBytes)
        {
            throw new EndOfStreamException($"The ials model declares {factorBytes} bytes of factors but the stream is shorter.");
        }

        var options = new IalsOptions(
            Factors: k,
            Regularization: reader.ReadSingle(),
            Alpha: reader.ReadSingle(),
            Confidence: (IalsConfidence)reader.ReadInt32(),
            LogEpsilon: reader.ReadSingle(),
            RegularizationExponent: reader.ReadSingle());
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"Invalid ials model settings: {e.Message}", e);
        }

        var userFactors = new float[users * k];
        var itemFactors = new float[items * k];
        ReadFloats(reader, userFactors);
        ReadFloats(reader, itemFactors);
        return new IalsRecommender(options, users, items, userFactors, itemFactors);
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static void ReadFloats(BinaryReader reader, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadSingle();
            }

            return;
        }

        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        while (bytes.Length > 0)
        {
            var read = reader.Read(bytes);
            if (read == 0)
            {
                throw new EndOfStreamException("The ials model ends before its factors.");
            }

            bytes = bytes[read..];
        }
    }
}
