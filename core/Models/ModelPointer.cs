using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Models;

/// <summary>
/// <c>current.json</c> in the <c>models</c> container names the serving version. It only ever changes by a
/// conditional write: If-Match the ETag the caller read, or If-None-Match * when there was none, so a
/// promotion never silently overwrites a concurrent one.
/// </summary>
public sealed class ModelPointer(TailorStorage storage)
{
    public const string BlobName = "current.json";

    private BlobClient Blob => storage.Models.GetBlobClient(BlobName);

    /// <summary>The pointer and its ETag, or null when no model has been promoted yet.</summary>
    public async Task<PointerState?> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var current = response.Value.Content.ToObjectFromJson(ModelJsonContext.Default.CurrentModel)
                ?? throw new InvalidDataException($"{BlobName} is empty.");
            return new PointerState(current, response.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{BlobName} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Points serving at <paramref name="next"/> if the pointer still has the
    /// <paramref name="expected"/> ETag (null: if it still does not exist). Returns
    /// <see cref="PointerSwapStatus.Conflict"/> instead of overwriting a concurrent change.</summary>
    public async Task<PointerSwapResult> TrySwapAsync(CurrentModel next, ETag? expected, CancellationToken cancellationToken = default)
    {
        var conditions = expected is { } etag
            ? new BlobRequestConditions { IfMatch = etag }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        try
        {
            var response = await Blob.UploadAsync(
                BinaryData.FromObjectAsJson(next, ModelJsonContext.Default.CurrentModel), options, cancellationToken).ConfigureAwait(false);
            return new PointerSwapResult(PointerSwapStatus.Swapped, response.Value.ETag);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return new PointerSwapResult(PointerSwapStatus.Conflict, null);
        }
    }
}
