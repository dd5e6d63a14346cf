using System.Globalization;
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Rerank;
using Tailor.Training.Sar;

namespace Tailor.Evaluation.Tuning;

/// <summary>
/// One configuration in the search space. <see cref="Create"/> builds the trainer for data <c>scale</c> times
/// the validation fit's size: regularisation that acts against the Gram matrix (EASE's λ) grows with it, so
/// the λ chosen on the smaller validation-fit data is scaled up for the final fit. iALS's λ is kept as chosen:
/// every row's system also holds the Gram of all the other side's factors, which does not grow with the data,
/// and on the small and medium presets the λ best on validation is the λ best on the full training data
/// (scaling it by 4/3 cost 7 % NDCG@10 on small).
/// </summary>
internal sealed record TrainerCandidate(
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    Func<double, IRecommenderTrainer> Create,
    IReadOnlyList<TrainerCandidate>? Parts = null,
    Func<TrainerCandidate>? RawInput = null)
{
    /// <summary>Whether this configuration (or one of its parts) reads interaction weights as binary, and so would
    /// ignore a recency decay of the weights.</summary>
    public bool UsesBinaryInput =>
        (Parameters.TryGetValue("input", out var input) && input == nameof(WeightScale.Binary)) || Parts?.Any(p => p.UsesBinaryInput) == true;

    /// <summary>The same configuration reading weights as they are, for data whose weights carry a recency decay
    /// (<see cref="RecencyWeighting"/> with binarizing first stands in for the binary input).</summary>
    public TrainerCandidate WithRawInput() => RawInput?.Invoke() ?? this;

    /// <summary>The configuration as trained on data decayed with <paramref name="recency"/>: raw input where it read
    /// binary, and the half-life among its parameters.</summary>
    public TrainerCandidate WithRecency(RecencyWeighting recency)
    {
        var raw = recency.BinarizeFirst ? WithRawInput() : this;
        var parameters = new Dictionary<string, string>(raw.Parameters) { [HalfLifeParameter] = F((float)recency.HalfLifeDays) };
        return raw with { Parameters = parameters, RawInput = null };
    }

    /// <summary>The parameter that records a chosen half-life.</summary>
    public const string HalfLifeParameter = "half_life_days";

    public static TrainerCandidate Popularity() =>
        new(PopularityRecommender.Name, new Dictionary<string, string>(), _ => new PopularityTrainer());

    public static TrainerCandidate Ease(float lambda, float dropout, WeightScale input, int maxItems) => new(
        EaseRecommender.Name,
        new Dictionary<string, string> { ["lambda"] = F(lambda), ["dropout"] = F(dropout), ["input"] = input.ToString() },
        scale => new EaseTrainer(new EaseOptions((float)(lambda * scale), input, maxItems, dropout)),
        RawInput: input == WeightScale.Binary ? () => Ease(lambda, dropout, WeightScale.Raw, maxItems) : null);

    public static TrainerCandidate Sar(SarSimilarity similarity, int neighbours, WeightScale input, float beta = 0.5f)
    {
        var parameters = new Dictionary<string, string>
        {
            ["similarity"] = similarity.ToString(),
            ["neighbours"] = neighbours.ToString(CultureInfo.InvariantCulture),
            ["input"] = input.ToString(),
        };
        if (similarity == SarSimilarity.Rp3Beta)
        {
            parameters["beta"] = F(beta);
        }

        return new(
            SarRecommender.Name, parameters, _ => new SarTrainer(new SarOptions(similarity, neighbours, input, beta)),
            RawInput: input == WeightScale.Binary ? () => Sar(similarity, neighbours, WeightScale.Raw, beta) : null);
    }

    /// <summary>Configurations of one family compete for a single blend slot: the algorithm name, except that
    /// RP3β random-walk similarity is its own family beside SAR's co-occurrence similarities.</summary>
    public string Family =>
        Algorithm == SarRecommender.Name && Parameters.TryGetValue("similarity", out var similarity) && similarity == nameof(SarSimilarity.Rp3Beta)
            ? "sar-rp3beta"
            : Algorithm;

    public static TrainerCandidate Ials(int factors, float regularization, float alpha, int epochs, int seed, bool logConfidence, float regularizationExponent) => new(
        IalsRecommender.Name,
        new Dictionary<string, string>
        {
            ["factors"] = factors.ToString(CultureInfo.InvariantCulture),
            ["regularization"] = F(regularization),
            ["regularization_exponent"] = F(regularizationExponent),
            ["alpha"] = F(alpha),
            ["epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["confidence"] = logConfidence ? nameof(IalsConfidence.Log) : nameof(IalsConfidence.Linear),
        },
        _ => new IalsTrainer(new IalsOptions(
            factors, regularization, alpha, epochs, seed, Confidence: logConfidence ? IalsConfidence.Log : IalsConfidence.Linear,
            RegularizationExponent: regularizationExponent)));

    public static TrainerCandidate Blend(IReadOnlyList<TrainerCandidate> parts, IReadOnlyList<float> weights)
    {
        var parameters = new Dictionary<string, string>
        {
            ["parts"] = string.Join(" + ", parts.Select(p => p.Describe())),
            ["weights"] = string.Join(",", weights.Select(F)),
        };
        return new(
            BlendRecommender.Name, parameters, scale => new BlendTrainer([.. parts.Select(p => p.Create(scale))], weights), parts,
            () => Blend([.. parts.Select(p => p.WithRawInput())], weights));
    }

    public static TrainerCandidate Rerank(IReadOnlyList<TrainerCandidate> bases, int seed)
    {
        var parameters = new Dictionary<string, string>
        {
            ["parts"] = string.Join(" + ", bases.Select(p => p.Describe())),
            ["candidates"] = new RerankOptions().Candidates.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };
        return new(
            RerankRecommender.Name,
            parameters,
            scale => new RerankTrainer([.. bases.Select(p => p.Create(scale))], new RerankOptions(Seed: seed)),
            bases,
            () => Rerank([.. bases.Select(p => p.WithRawInput())], seed));
    }

    /// <summary>The parameters of the trainer <see cref="Create"/> makes for <paramref name="scale"/>.</summary>
    public IReadOnlyDictionary<string, string> ParametersAt(double scale)
    {
        if (Algorithm == EaseRecommender.Name)
        {
            return new Dictionary<string, string>(Parameters)
            {
                ["lambda"] = F((float)(float.Parse(Parameters["lambda"], CultureInfo.InvariantCulture) * scale)),
            };
        }

        if (Parts is not null)
        {
            return new Dictionary<string, string>(Parameters)
            {
                ["parts"] = string.Join(" + ", Parts.Select(p => Describe(p.Algorithm, p.ParametersAt(scale)))),
            };
        }

        return Parameters;
    }

    public string Describe() => Describe(Algorithm, Parameters);

    private static string Describe(string algorithm, IReadOnlyDictionary<string, string> parameters) =>
        $"{algorithm}({string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";

    private static string F(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
