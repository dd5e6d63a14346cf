using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Storage;

namespace Tailor.Retention;

/// <summary>
/// Deletes what <see cref="RetentionOptions"/> no longer keeps: run folders older than <c>RunDays</c>, complete
/// model versions beyond the newest <c>KeepVersions</c>, and version folders without a manifest (crashed
/// promotions) older than <c>IncompleteVersionMinutes</c>; profiles artifacts live in those folders and go with
/// them. It never deletes the serving version, a pinned version, or the run folder holding the snapshot the
/// serving model was trained on (the next evaluation compares against it). Safe to run again at any time.
/// The timer function and <c>tailor prune</c> both call it.
/// </summary>
public sealed partial class Pruner(
    TailorStorage storage,
    ModelStore models,
    ModelPointer pointer,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<Pruner> logger)
{
    public async Task<PruneSummary> PruneAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var serving = (await pointer.ReadAsync(cancellationToken).ConfigureAwait(false))?.Current.Version;
        var servingRun = serving is null ? null : RunOf(await models.ReadManifestAsync(serving, cancellationToken).ConfigureAwait(false));
        var tally = new Tally();

        var versions = await StoredFolder.ListAsync(storage.Models, string.Empty, cancellationToken).ConfigureAwait(false);
        var complete = versions.Values
            .Where(v => ModelVersion.IsValid(v.Name) && v.Contains(ModelStore.ManifestFile))
            .OrderByDescending(v => v.Name, StringComparer.Ordinal)
            .ToList();
        for (var i = settings.KeepVersions; i < complete.Count; i++)
        {
            var version = complete[i];
            if (version.Name != serving && !version.Contains(ModelStore.PinFile))
            {
                await DeleteAsync(storage.Models, string.Empty, version, tally, cancellationToken).ConfigureAwait(false);
                tally.Versions++;
                LogVersionDeleted(logger, version.Name, version.Bytes);
            }
        }

        var incompleteBefore = now.AddMinutes(-settings.IncompleteVersionMinutes);
        foreach (var folder in versions.Values)
        {
            if (ModelVersion.IsValid(folder.Name) && folder.Name != serving && !folder.Contains(ModelStore.ManifestFile)
                && folder.LastModified < incompleteBefore)
            {
                await DeleteAsync(storage.Models, string.Empty, folder, tally, cancellationToken).ConfigureAwait(false);
                tally.IncompleteVersions++;
                LogIncompleteDeleted(logger, folder.Name, folder.Bytes, folder.LastModified);
            }
        }

        var runsBefore = now.AddDays(-settings.RunDays);
        var runs = await StoredFolder.ListAsync(storage.Snapshots, RunBlobs.RunsPrefix, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs.Values)
        {
            if (run.Name != servingRun && LastActivity(run) < runsBefore)
            {
                await DeleteAsync(storage.Snapshots, RunBlobs.RunsPrefix, run, tally, cancellationToken).ConfigureAwait(false);
                tally.Runs++;
                LogRunDeleted(logger, run.Name, run.Bytes);
            }
        }

        var summary = new PruneSummary(tally.Runs, tally.Versions, tally.IncompleteVersions, tally.ProfileArtifacts, tally.Blobs, tally.Bytes, tally.Folders);
        LogPruned(logger, summary.Runs, summary.Versions, summary.IncompleteVersions, summary.ProfileArtifacts, summary.Blobs, summary.Bytes);
        return summary;
    }

    /// <summary>The run id in the manifest's snapshot blob name (<c>runs/&lt;runId&gt;/snapshot.bin</c>).</summary>
    private static string? RunOf(ModelManifest? manifest)
    {
        var blob = manifest?.Data.BlobName;
        if (blob is null || !blob.StartsWith(RunBlobs.RunsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = blob[RunBlobs.RunsPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? rest[..slash] : null;
    }

    /// <summary>The later of the run's start (its id begins <c>yyyyMMdd-HHmmss</c>) and its newest blob, so a
    /// run is old only when both say so.</summary>
    private static DateTimeOffset LastActivity(StoredFolder run) =>
        run.Name.Length >= 15 && DateTimeOffset.TryParseExact(
            run.Name[..15], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
            && started > run.LastModified
            ? started
            : run.LastModified;

    private static async Task DeleteAsync(BlobContainerClient container, string prefix, StoredFolder folder, Tally tally, CancellationToken cancellationToken)
    {
        foreach (var blob in folder.Blobs)
        {
            await container.DeleteBlobIfExistsAsync(blob, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        tally.Blobs += folder.Blobs.Count;
        tally.Bytes += folder.Bytes;
        tally.ProfileArtifacts += folder.Count(ProfileStore.ArtifactFile);
        tally.Folders.Add(container.Name + "/" + prefix + folder.Name + "/");
    }

    private sealed class Tally
    {
        public int Runs { get; set; }

        public int Versions { get; set; }

        public int IncompleteVersions { get; set; }

        public int ProfileArtifacts { get; set; }

        public int Blobs { get; set; }

        public long Bytes { get; set; }

        public List<string> Folders { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted model version {Version} ({Bytes} bytes)")]
    private static partial void LogVersionDeleted(ILogger logger, string version, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted incomplete version folder {Version} ({Bytes} bytes, last written {LastModified:o})")]
    private static partial void LogIncompleteDeleted(ILogger logger, string version, long bytes, DateTimeOffset lastModified);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted run folder {RunId} ({Bytes} bytes)")]
    private static partial void LogRunDeleted(ILogger logger, string runId, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Runs} runs, {Versions} versions, {Incomplete} incomplete versions, {Profiles} profiles artifacts: {Blobs} blobs, {Bytes} bytes")]
    private static partial void LogPruned(ILogger logger, int runs, int versions, int incomplete, int profiles, int blobs, long bytes);
}
