namespace Tailor.Tests.Architecture;

/// <summary>
/// The layering of <c>core/</c>: each folder (namespace <c>Tailor.&lt;Folder&gt;</c>) and the folders it may use.
/// Lower layers first. docs/architecture.md shows the same table; <see cref="LayeringTests"/> enforces it.
/// A new dependency is a design decision: add it here (the table must stay free of cycles) and in the doc.
/// </summary>
internal static class CoreLayers
{
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Primitives: no Tailor dependency.
        ["Numerics"] = [],
        ["Streams"] = [],
        ["Storage"] = [],
        ["Interactions"] = [],

        // Building blocks.
        ["Formats"] = ["Streams", "Interactions"],
        ["Events"] = ["Streams"],
        ["Splits"] = ["Interactions"],

        // The data's path.
        ["Ingestion"] = ["Events", "Storage", "Streams"],
        ["Catalog"] = ["Ingestion", "Events", "Storage", "Streams"],
        ["Snapshot"] = ["Events", "Interactions", "Splits", "Formats"],
        ["Profiles"] = ["Snapshot", "Interactions", "Numerics", "Formats", "Storage"],
        ["Training"] = ["Interactions", "Splits", "Numerics", "Formats"],
        ["Evaluation"] = ["Training", "Events", "Interactions", "Splits", "Numerics"],
        ["Models"] = ["Catalog", "Training", "Evaluation", "Feedback", "Interactions", "Formats", "Storage", "Streams"],

        // Impressions, online metrics and variant assignment: read by serving, the pipeline's report and models' reports.
        ["Feedback"] = ["Ingestion", "Events", "Storage", "Streams"],

        // Owns forgetting and (later) erasure, so it may reach every place user data lives.
        ["Privacy"] = ["Storage", "Events", "Ingestion", "Snapshot", "Profiles", "Models"],

        // Consumers of everything above.
        ["Serving"] = ["Catalog", "Models", "Evaluation", "Feedback", "Training", "Privacy", "Profiles", "Interactions", "Numerics", "Storage"],
        ["Pipeline"] =
        [
            "Ingestion", "Catalog", "Snapshot", "Profiles", "Training", "Evaluation", "Models", "Privacy", "Feedback",
            "Events", "Splits", "Interactions", "Formats", "Storage", "Streams", "Numerics",
        ],
        ["Retention"] = ["Pipeline", "Models", "Profiles", "Storage"],
        ["Hosting"] =
        [
            "Retention", "Serving", "Pipeline", "Privacy", "Feedback", "Models", "Evaluation", "Training", "Profiles", "Snapshot", "Catalog", "Ingestion",
            "Events", "Splits", "Interactions", "Formats", "Storage", "Streams", "Numerics",
        ],
    };
}
