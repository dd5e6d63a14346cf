using Microsoft.ML;
using Tailor.Formats;

namespace Tailor.Training.Rerank;

/// <summary>
/// Base models generate candidates; a LightGBM LambdaRank model re-orders them. Candidates score above every
/// other item (by rank position), the rest keep the normalised sum of base scores.
/// </summary>
public sealed class RerankRecommender : IRecommender, IDisposable
{
    public const string Name = "rerank";

    private readonly RerankFeatures _features;
    private readonly byte[] _rankerBytes;
    private readonly int _candidates;
    private readonly ThreadLocal<PredictionEngine<RerankRow, RerankScore>> _engines;

    internal RerankRecommender(RerankFeatures features, byte[] rankerBytes, int candidates)
    {
        _features = features;
        _rankerBytes = rankerBytes;
        _candidates = candidates;
        var ml = new MLContext(seed: 0);
        using var stream = new MemoryStream(rankerBytes, writable: false);
        var ranker = ml.Model.Load(stream, out _);
        var schema = RerankSchema.Create(features.Width);
        _engines = new ThreadLocal<PredictionEngine<RerankRow, RerankScore>>(
            () => ml.Model.CreatePredictionEngine<RerankRow, RerankScore>(ranker, inputSchemaDefinition: schema));
    }

    public string Algorithm => Name;

    public int ItemCount => _features.Popularity.Length;

    public IReadOnlyList<IRecommender> Bases => _features.Bases;

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var n = ItemCount;
        var width = _features.Width;
        var candidates = new int[_candidates];
        var features = new float[_candidates * width];
        var count = _features.Compute(user, items, weights, candidates, features, scores);
        for (var i = 0; i < n; i++)
        {
            if (!float.IsFinite(scores[i]))
            {
                scores[i] = 0f; // history; callers exclude it
            }
        }

        var engine = _engines.Value!;
        var ranked = new float[count];
        var order = new int[count];
        for (var c = 0; c < count; c++)
        {
            var row = new RerankRow { Features = features.AsSpan(c * width, width).ToArray() };
            ranked[c] = -engine.Predict(row).Score;
            order[c] = c;
        }

        Array.Sort(ranked, order);
        var top = _features.Bases.Length + 1f;
        for (var position = 0; position < count; position++)
        {
            scores[candidates[order[position]]] = top + (count - position);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_candidates);
        writer.Write(_features.Bases.Length);
        foreach (var model in _features.Bases)
        {
            writer.Write(model.Algorithm);
            model.Write(writer);
        }

        ArtifactFormat.WriteArray<float>(writer, _features.Popularity);
        writer.Write(_features.MeanHistory);
        ArtifactFormat.WriteArray<byte>(writer, _rankerBytes);
    }

    public static RerankRecommender Read(BinaryReader reader)
    {
        var candidates = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (candidates is <= 0 or > 100_000 || count is <= 0 or > 16)
        {
            throw new InvalidDataException($"A rerank artifact with {candidates} candidates and {count} base models is not valid.");
        }

        var bases = new IRecommender[count];
        for (var m = 0; m < count; m++)
        {
            bases[m] = RecommenderFormat.Read(reader.ReadString(), reader);
        }

        var popularity = ArtifactFormat.ReadArray<float>(reader);
        var meanHistory = reader.ReadSingle();
        var ranker = ArtifactFormat.ReadArray<byte>(reader);
        return new RerankRecommender(new RerankFeatures(bases, popularity, meanHistory), ranker, candidates);
    }

    public void Dispose() => _engines.Dispose();
}
