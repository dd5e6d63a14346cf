using Azure;
using Tailor.Models;
using Tailor.Profiles;

namespace Tailor.Serving;

/// <summary>The model one process serves, immutable once built: swapped as a whole when a new version is
/// promoted, so a request sees one consistent version from start to end.</summary>
public sealed class LoadedModel
{
    public LoadedModel(
        CurrentModel pointer, ETag pointerETag, ModelArtifact artifact, ModelManifest? manifest, EvaluationReport? report, ProfileSet? profiles = null)
    {
        Profiles = profiles;
        Pointer = pointer;
        PointerETag = pointerETag;
        Artifact = artifact;
        Manifest = manifest;
        Report = report;
        UserIndex = Index(artifact.UserIds);
        ItemIndex = Index(artifact.ItemIds);
    }

    public string Version => Pointer.Version;

    public CurrentModel Pointer { get; }

    /// <summary>ETag of the <c>current.json</c> this model was loaded from.</summary>
    public ETag PointerETag { get; }

    public ModelArtifact Artifact { get; }

    public ModelManifest? Manifest { get; }

    public EvaluationReport? Report { get; }

    /// <summary>The user profiles of the run that made this version (null when the version has none).</summary>
    public ProfileSet? Profiles { get; }

    /// <summary>External user id → row of the history matrix.</summary>
    public IReadOnlyDictionary<string, int> UserIndex { get; }

    /// <summary>External item id → item index.</summary>
    public IReadOnlyDictionary<string, int> ItemIndex { get; }

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
