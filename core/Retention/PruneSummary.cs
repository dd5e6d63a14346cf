namespace Tailor.Retention;

/// <summary>What one prune deleted: run folders, complete model versions, folders of crashed promotions, the
/// profiles artifacts among them, and every blob and byte in total, with the folders' names.</summary>
public sealed record PruneSummary(
    int Runs,
    int Versions,
    int IncompleteVersions,
    int ProfileArtifacts,
    int Blobs,
    long Bytes,
    IReadOnlyList<string> DeletedFolders);
