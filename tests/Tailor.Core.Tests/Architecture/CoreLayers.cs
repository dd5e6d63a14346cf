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

        // The data's path. Fresh sits below Ingestion, which feeds it; serving reads it.
        ["Fresh"] = ["Events", "Storage"],
        ["Ingestion"] = ["Events", "Fresh", "Storage", "Streams"],
        ["Catalog"] = ["Ingestion", "Events", "Storage", "Streams"],
        ["Snapshot"] = ["Events", "Interactions", "Splits", "Formats"],
        ["Profiles"] = ["Catalog", "Snapshot", "Interactions", "Numerics", "Formats", "Storage"],
        ["Segments"] = ["Profiles", "Snapshot", "Numerics", "Storage"],
        ["Training"] = ["Interactions", "Splits", "Numerics", "Formats"],
        ["Evaluation"] = ["Training", "Events", "Interactions", "Splits", "Numerics"],
        ["Content"] = ["Catalog", "Training", "Evaluation", "Interactions", "Numerics"],
        ["Models"] = ["Catalog", "Training", "Evaluation", "Feedback", "Interactions", "Formats", "Storage", "Streams"],

        // Impressions, online metrics and variant assignment: read by serving, the pipeline's report and models' reports.
        ["Feedback"] = ["Ingestion", "Events", "Storage", "Streams"],

        // Owns forgetting and (later) erasure, so it may reach every place user data lives.
        ["Privacy"] = ["Storage", "Events", "Ingestion", "Fresh", "Feedback", "Snapshot", "Profiles", "Models"],

        // Consumers of everything above.
        ["Serving"] = ["Catalog", "Content", "Models", "Evaluation", "Feedback", "Training", "Privacy", "Profiles", "Segments", "Fresh", "Interactions", "Numerics", "Storage"],
        ["Pipeline"] =
        [
            "Ingestion", "Catalog", "Content", "Snapshot", "Profiles", "Segments", "Training", "Evaluation", "Models", "Privacy", "Fresh", "Feedback",
            "Events", "Splits", "Interactions", "Formats", "Storage", "Streams", "Numerics",
        ],
        ["Retention"] = ["Pipeline", "Models", "Profiles", "Storage"],
        ["Hosting"] =
        [
            "Retention", "Serving", "Pipeline", "Privacy", "Feedback", "Models", "Evaluation", "Training", "Profiles", "Segments", "Snapshot", "Catalog", "Content", "Ingestion",
            "Fresh", "Events", "Splits", "Interactions", "Formats", "Storage", "Streams", "Numerics",
        ],
    };
}
