using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Models;

/// <summary>A version promoted online (<c>Tailor:Pipeline:PromoteOnline</c>): it passed the offline gate against
/// <see cref="Champion"/> and serves the challenger's share of users from <see cref="SinceUtc"/> until it wins or
/// loses online.</summary>
public sealed record ChallengerState(string Version, string Champion, DateTimeOffset SinceUtc, string Reason);

/// <summary>
/// <c>challenger.json</c> next to <c>current.json</c> in the <c>models</c> container: the challenger the pipeline
/// chose, read by serving (it wins over a configured <c>Tailor:Serving:Challenger:Version</c>) and by the online
/// judge. Absent when no challenger is being tried.
/// </summary>
public sealed class ChallengerPointer(TailorStorage storage)
{
    public const string BlobName = "challenger.json";

    private BlobClient Blob => storage.Models.GetBlobClient(BlobName);

    /// <summary>The challenger and its ETag, or null when none is being tried.</summary>
    public async Task<(ChallengerState State, ETag ETag)?> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var state = response.Value.Content.ToObjectFromJson(ModelJsonContext.Default.ChallengerState)
                ?? throw new InvalidDataException($"{BlobName} is empty.");
            return (state, response.Value.Details.ETag);
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

    /// <summary>Makes <paramref name="state"/> the challenger, replacing any earlier one.</summary>
    public Task WriteAsync(ChallengerState state, CancellationToken cancellationToken = default) =>
        Blob.UploadAsync(
            BinaryData.FromObjectAsJson(state, ModelJsonContext.Default.ChallengerState),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);

    /// <summary>Ends the trial of the challenger read with <paramref name="etag"/>; false when it was replaced (or
    /// ended) since.</summary>
    public async Task<bool> TryDeleteAsync(ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Ends any challenger's trial (an erasure promoted past it).</summary>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        Blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
