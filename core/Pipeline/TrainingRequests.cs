using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>
/// The durable "someone asked for training" flag that closes the window between a run's final input count
/// and its completion. One small JSON blob (<see cref="BlobName"/> in the snapshots container), changed only
/// by ETag-conditional writes:
/// <list type="bullet">
/// <item>a run is <c>open</c> from the moment it is started until its final check: a request that finds the
/// instance running marks the flag <c>pending</c> (<see cref="TryMarkPendingAsync"/>), and the run's final check
/// (<see cref="TryCloseAsync"/>) sees it and continues as new;</item>
/// <item>the final check closes the flag only when nothing is pending, atomically; a request that finds it
/// <c>closed</c> knows the running instance will not look again, so it waits for that instance to finish and
/// starts the next run itself.</item>
/// </list>
/// Every batch is recorded before its request, so whichever side the request falls on, the batch is trained.
/// </summary>
public sealed class TrainingRequests(TailorStorage storage, TimeProvider time)
{
    public const string BlobName = "schedule/training.json";

    /// <summary>Opens the flag with nothing pending: at a run's start, and again just before its snapshot
    /// (a request before the snapshot is served by the snapshot itself).</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default) =>
        await WriteAsync(new TrainingRequestFlag(TrainingRequestFlag.Open, false, time.GetUtcNow()), null, cancellationToken).ConfigureAwait(false);

    /// <summary>Marks a request pending for the running instance; false when the flag is closed (or absent),
    /// i.e. the running instance has made its final check and will not see the request.</summary>
    public async Task<bool> TryMarkPendingAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (flag, etag) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (flag is null || flag.State != TrainingRequestFlag.Open)
            {
                return false;
            }

            if (flag.Pending)
            {
                return true;
            }

            if (await TryWriteAsync(flag with { Pending = true, UpdatedAt = time.GetUtcNow() }, etag, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    /// <summary>The run's final check: closes the flag unless a request is pending or <paramref name="moreInputs"/>
    /// (counted after the flag was read) says new data arrived; returns whether the run may complete.</summary>
    public async Task<bool> TryCloseAsync(Func<CancellationToken, Task<bool>> moreInputs, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (flag, etag) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (flag is { State: TrainingRequestFlag.Open, Pending: true } || await moreInputs(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (flag is { State: TrainingRequestFlag.Closed })
            {
                return true;
            }

            if (await TryWriteAsync(new TrainingRequestFlag(TrainingRequestFlag.Closed, false, time.GetUtcNow()), etag, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    private async Task<(TrainingRequestFlag? Flag, ETag? ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Snapshots.GetBlobClient(BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (content.Value.Content.ToObjectFromJson<TrainingRequestFlag>(JsonSerializerOptions.Web), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    /// <summary>Writes the flag if it is still at <paramref name="etag"/> (or still absent when null).</summary>
    private async Task<bool> TryWriteAsync(TrainingRequestFlag flag, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(flag, etag is { } e ? new BlobRequestConditions { IfMatch = e } : new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task WriteAsync(TrainingRequestFlag flag, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await storage.Snapshots.GetBlobClient(BlobName).UploadAsync(BinaryData.FromObjectAsJson(flag, JsonSerializerOptions.Web), options, cancellationToken)
            .ConfigureAwait(false);
    }
}
