using System.Text.Json.Serialization;

namespace Tailor.Models;

/// <summary>Source-generated JSON (camelCase, indented) for the files under <c>models/</c> (and a run's trials; a refused trial's NDCG is NaN).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelManifest))]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(CurrentModel))]
[JsonSerializable(typeof(VersionPin))]
[JsonSerializable(typeof(ChallengerState))]
[JsonSerializable(typeof(List<TrialRecord>))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
