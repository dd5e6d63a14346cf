using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Tailor.Retention;

/// <summary>The blobs under one folder of a container, as listed: their names, total size and newest write.</summary>
internal sealed class StoredFolder(string name)
{
    public string Name { get; } = name;

    public List<string> Blobs { get; } = [];

    public long Bytes { get; private set; }

    public DateTimeOffset LastModified { get; private set; } = DateTimeOffset.MinValue;

    public bool Contains(string fileName) => Blobs.Exists(b => b.EndsWith("/" + fileName, StringComparison.Ordinal));

    public int Count(string fileName) => Blobs.Count(b => b.EndsWith("/" + fileName, StringComparison.Ordinal));

    private void Add(BlobItem blob)
    {
        Blobs.Add(blob.Name);
        Bytes += blob.Properties.ContentLength ?? 0;
        if (blob.Properties.LastModified is { } modified && modified > LastModified)
        {
            LastModified = modified;
        }
    }

    /// <summary>Every folder directly under <paramref name="prefix"/> (folder names without the prefix or a slash).</summary>
    public static async Task<Dictionary<string, StoredFolder>> ListAsync(
        BlobContainerClient container, string prefix, CancellationToken cancellationToken)
    {
        var folders = new Dictionary<string, StoredFolder>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = blob.Name.AsSpan(prefix.Length);
            var slash = rest.IndexOf('/');
            if (slash <= 0)
            {
                continue;
            }

            var name = rest[..slash].ToString();
            if (!folders.TryGetValue(name, out var folder))
            {
                folders[name] = folder = new StoredFolder(name);
            }

            folder.Add(blob);
        }

        return folders;
    }
}
