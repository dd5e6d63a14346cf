using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Models;

/// <summary>
/// Model versions in the <c>models</c> container: <c>&lt;version&gt;/model.bin</c>, <c>report.json</c> and
/// <c>manifest.json</c>. The manifest is written last, so a version is listed only once it is complete.
/// </summary>
public sealed class ModelStore(TailorStorage storage)
{
    public const string ArtifactFile = "model.bin";
    public const string ManifestFile = "manifest.json";
    public const string ReportFile = "report.json";
    public const string PinFile = "pin.json";

    private const int ArtifactBufferSize = 4 << 20;

    public static string BlobName(string version, string file)
    {
        if (!ModelVersion.IsValid(version))
        {
            throw new ArgumentException($"'{version}' is not a valid model version name.", nameof(version));
        }

        return $"{version}/{file}";
    }

    public async Task WriteVersionAsync(string version, ModelArtifact artifact, ModelManifest manifest, EvaluationReport report, CancellationToken cancellationToken = default)
    {
        if (manifest.Version != version || report.Version != version)
        {
            throw new ArgumentException($"The manifest ({manifest.Version}) and report ({report.Version}) must name version {version}.", nameof(version));
        }

        var artifactBlob = Blob(version, ArtifactFile);
        var options = new BlobOpenWriteOptions
        {
            BufferSize = ArtifactBufferSize,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
        };
        try
        {
            var stream = await artifactBlob.OpenWriteAsync(overwrite: true, options, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await artifact.WriteAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Disposing the write stream commits what was staged; a half-written artifact must not stay behind.
            await artifactBlob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await UploadJsonAsync(Blob(version, ReportFile), report, ModelJsonContext.Default.EvaluationReport, cancellationToken).ConfigureAwait(false);
        await UploadJsonAsync(Blob(version, ManifestFile), manifest, ModelJsonContext.Default.ModelManifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The names of every version folder, complete or not (a crashed promotion leaves one without a manifest).</summary>
    public async Task<IReadOnlyList<string>> ListVersionFoldersAsync(CancellationToken cancellationToken = default)
    {
        var versions = new List<string>();
        try
        {
            await foreach (var item in storage.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix: null, cancellationToken).ConfigureAwait(false))
            {
                if (item.IsPrefix && ModelVersion.IsValid(item.Prefix.TrimEnd('/')))
                {
                    versions.Add(item.Prefix.TrimEnd('/'));
                }
            }
        }
        catch (RequestFailedException e) when (MissingStorage.IsMissingContainerOrTable(e))
        {
            return [];
        }

        versions.Sort(StringComparer.Ordinal);
        return versions;
    }

    /// <summary>Deletes every blob of the version's folder, manifest last (so it stops being listed as complete
    /// only once nothing else is left to serve); returns the blobs and bytes deleted.</summary>
    public async Task<(int Blobs, long Bytes)> DeleteVersionAsync(string version, CancellationToken cancellationToken = default)
    {
        var blobs = new List<(string Name, long Bytes)>();
        await foreach (var item in storage.Models.GetBlobsAsync(BlobTraits.None, BlobStates.None, BlobName(version, ""), cancellationToken).ConfigureAwait(false))
        {
            blobs.Add((item.Name, item.Properties.ContentLength ?? 0));
        }

        var manifest = BlobName(version, ManifestFile);
        blobs.Sort((a, b) => (a.Name == manifest).CompareTo(b.Name == manifest));
        foreach (var (name, _) in blobs)
        {
            await storage.Models.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return (blobs.Count, blobs.Sum(b => b.Bytes));
    }

    /// <summary>Manifests of every complete version, newest version first.</summary>
    public async Task<IReadOnlyList<ModelManifest>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        var versions = (await ListVersionFoldersAsync(cancellationToken).ConfigureAwait(false)).Reverse().ToList();
        var manifests = new ModelManifest?[versions.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, versions.Count, parallel, async (i, token) =>
            manifests[i] = await ReadManifestAsync(versions[i], token).ConfigureAwait(false)).ConfigureAwait(false);

        var complete = new List<ModelManifest>(versions.Count);
        foreach (var manifest in manifests)
        {
            if (manifest is not null)
            {
                complete.Add(manifest);
            }
        }

        return complete;
    }

    /// <summary>The version's manifest, or null when the version does not exist (or is incomplete).</summary>
    public Task<ModelManifest?> ReadManifestAsync(string version, CancellationToken cancellationToken = default) =>
        ReadJsonAsync(version, ManifestFile, ModelJsonContext.Default.ModelManifest, cancellationToken);

    public Task<EvaluationReport?> ReadReportAsync(string version, CancellationToken cancellationToken = default) =>
        ReadJsonAsync(version, ReportFile, ModelJsonContext.Default.EvaluationReport, cancellationToken);

    /// <summary>Replaces a complete version's report (its online decision was added).</summary>
    public Task WriteReportAsync(EvaluationReport report, CancellationToken cancellationToken = default) =>
        UploadJsonAsync(Blob(report.Version, ReportFile), report, ModelJsonContext.Default.EvaluationReport, cancellationToken);

    /// <summary>Records that <paramref name="pin"/>'s version was promoted by hand (retention keeps it).</summary>
    public Task PinAsync(VersionPin pin, CancellationToken cancellationToken = default) =>
        UploadJsonAsync(Blob(pin.Version, PinFile), pin, ModelJsonContext.Default.VersionPin, cancellationToken);

    /// <summary>The version's pin, or null when it was never promoted by hand.</summary>
    public Task<VersionPin?> ReadPinAsync(string version, CancellationToken cancellationToken = default) =>
        ReadJsonAsync(version, PinFile, ModelJsonContext.Default.VersionPin, cancellationToken);

    /// <summary>Opens the artifact for one sequential read (large read-ahead buffer).</summary>
    public async Task<Stream> OpenArtifactAsync(string version, CancellationToken cancellationToken = default)
    {
        var options = new BlobOpenReadOptions(allowModifications: false) { BufferSize = ArtifactBufferSize };
        return await Blob(version, ArtifactFile).OpenReadAsync(options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelArtifact> LoadArtifactAsync(string version, CancellationToken cancellationToken = default)
    {
        var stream = await OpenArtifactAsync(version, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ModelArtifact.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private BlobClient Blob(string version, string file) => storage.Models.GetBlobClient(BlobName(version, file));

    private static async Task UploadJsonAsync<T>(BlobClient blob, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await blob.UploadAsync(BinaryData.FromObjectAsJson(value, typeInfo), options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> ReadJsonAsync<T>(string version, string file, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var content = await Blob(version, file).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson(typeInfo) ?? throw new InvalidDataException($"{BlobName(version, file)} is empty.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{BlobName(version, file)} is not valid JSON: {e.Message}", e);
        }
    }
}
