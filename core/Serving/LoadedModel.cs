using Azure;
using Tailor.Content;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Segments;

namespace Tailor.Serving;

/// <summary>The model one process serves, immutable once built: swapped as a whole when a new version is
/// promoted (or, with a new <see cref="Catalog"/>, when the published catalog changes), so a request sees one
/// consistent version and catalog from start to end.</summary>
public sealed class LoadedModel
{
    public LoadedModel(
        CurrentModel pointer, ETag pointerETag, ModelArtifact artifact, ModelManifest? manifest, EvaluationReport? report, ProfileSet? profiles = null,
        ServedCatalog? catalog = null, CatalogContent? content = null)
    {
        Content = content;
        Profiles = profiles;
        Pointer = pointer;
        PointerETag = pointerETag;
        Artifact = artifact;
        Manifest = manifest;
        Report = report;
        UserIndex = Index(artifact.UserIds);
        ItemIndex = Index(artifact.ItemIds);
        Catalog = Project(catalog, artifact);
    }

    private LoadedModel(LoadedModel model, ServedCatalog? catalog, CatalogContent? content)
    {
        Content = content;
        Profiles = model.Profiles;
        Segments = model.Segments;
        Pointer = model.Pointer;
        PointerETag = model.PointerETag;
        Artifact = model.Artifact;
        Manifest = model.Manifest;
        Report = model.Report;
        UserIndex = model.UserIndex;
        ItemIndex = model.ItemIndex;
        Catalog = Project(catalog, model.Artifact);
    }

    /// <summary>The item catalog served with this model (null when its manifest names none): categories for
    /// <c>category</c> filters and the availability that hides items.</summary>
    public ServedCatalog? Catalog { get; }

    /// <summary>The catalog seen by content for this model: its cold items and their mapping onto the model's items,
    /// and the dated items fresh slots draw from (null without a catalog).</summary>
    public CatalogContent? Content { get; }

    public string Version => Pointer.Version;

    public CurrentModel Pointer { get; }

    /// <summary>ETag of the <c>current.json</c> this model was loaded from.</summary>
    public ETag PointerETag { get; }

    public ModelArtifact Artifact { get; }

    public ModelManifest? Manifest { get; }

    public EvaluationReport? Report { get; }

    /// <summary>The user profiles of the run that made this version (null when the version has none).</summary>
    public ProfileSet? Profiles { get; }

    /// <summary>The user segments of the run that made this version (null when it made none); membership is
    /// <see cref="Profiles"/>' segment column.</summary>
    public SegmentSet? Segments { get; init; }

    /// <summary>The segment of <paramref name="userId"/> in this version, or null.</summary>
    public SegmentSummary? SegmentOf(string userId) =>
        Profiles is { } profiles && Segments is { } segments && profiles.RowOf(userId) is var row and >= 0
            ? segments.At(profiles.SegmentAt(row))
            : null;

    /// <summary>External user id → row of the history matrix.</summary>
    public IReadOnlyDictionary<string, int> UserIndex { get; }

    /// <summary>External item id → item index.</summary>
    public IReadOnlyDictionary<string, int> ItemIndex { get; }

    /// <summary>The same model with another catalog (the model's indices are shared, the catalog's projection is built now).</summary>
    public LoadedModel WithCatalog(ServedCatalog? catalog, CatalogContent? content = null) => new(this, catalog, content);

    /// <summary>Lays the catalog out in the model's item order once, at load, so no request pays for it.</summary>
    private static ServedCatalog? Project(ServedCatalog? catalog, ModelArtifact artifact)
    {
        _ = catalog?.View.For(artifact.ItemIds);
        return catalog;
    }

    private static Dictionary<string, int> Index(string[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index.TryAdd(ids[i], i);
        }

        return index;
    }
}
