using System.Diagnostics;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Tailor.Catalog;
using Tailor.Profiles;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>
/// Derives every user's profile from the run's snapshot (category affinity from the run's catalog snapshot) and stores
/// the profiles as one artifact in the run's folder; <see cref="SegmentStage"/> segments them once the candidate is
/// trained. Idempotent: the small record <see cref="RunBlobs.ProfilesRecord"/> is written only after the artifact is
/// complete, so a retry that finds it returns it without building again, and a retry after a crash before it
/// rebuilds and overwrites whatever a crashed attempt left.
/// </summary>
public sealed partial class ProfilesStage(
    RunStore runs,
    ProfileStore profiles,
    TailorStorage storage,
    ILogger<ProfilesStage> logger)
{
    public async Task<ProfilesResult> RunAsync(SnapshotResult snapshotResult, CancellationToken cancellationToken = default)
    {
        var runId = snapshotResult.RunId;
        var recordBlob = RunBlobs.ProfilesRecord(runId);
        if (await ReadRecordAsync(recordBlob, cancellationToken).ConfigureAwait(false) is { } done)
        {
            LogAlreadyBuilt(logger, runId, done.Users);
            return done;
        }

        var watch = Stopwatch.StartNew();
        var snapshot = await runs.ReadSnapshotAsync(snapshotResult.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var catalog = snapshotResult.Catalog is { } info
            ? await ItemCatalog.LoadAsync(storage, info.BlobName, cancellationToken).ConfigureAwait(false)
            : ItemCatalog.Empty;
        var set = ProfileBuilder.Build(snapshot, catalog);
        var blob = RunBlobs.Profiles(runId);
        var bytes = await profiles.WriteAsync(blob, set, cancellationToken).ConfigureAwait(false);
        var result = new ProfilesResult(blob, set.Count, bytes, watch.Elapsed.TotalSeconds) { ProfileSeconds = watch.Elapsed.TotalSeconds };
        await runs.WriteJsonAsync(recordBlob, result, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        LogProfiles(logger, runId, set.Count, bytes, result.Seconds);
        return result;
    }

    private async Task<ProfilesResult?> ReadRecordAsync(string recordBlob, CancellationToken cancellationToken)
    {
        try
        {
            return await runs.ReadJsonAsync<ProfilesResult>(recordBlob, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: stored {Users} user profiles ({Bytes} bytes) in {Seconds:0.00} s")]
    private static partial void LogProfiles(ILogger logger, string runId, int users, long bytes, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: the {Users} user profiles were already stored")]
    private static partial void LogAlreadyBuilt(ILogger logger, string runId, int users);
}
