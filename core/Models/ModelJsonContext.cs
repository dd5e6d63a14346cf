using System.Text.Json.Serialization;

namespace Tailor.Models;

/// <summary>Source-generated JSON (camelCase, indented) for the files under <c>models/</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModelManifest))]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(CurrentModel))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
