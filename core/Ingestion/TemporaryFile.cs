namespace Tailor.Ingestion;

/// <summary>A scratch file for output under construction; it deletes itself when disposed.</summary>
internal static class TemporaryFile
{
    public static FileStream Create(string extension) => new(
        Path.Combine(Path.GetTempPath(), "tailor-" + Guid.NewGuid().ToString("N") + extension),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);
}
