using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tailor.Profiles;
using Tailor.Storage;

namespace Tailor.Pipeline;

/// <summary>Writes one JSON line per user profile next to the run's snapshot.</summary>
public sealed partial class ProfilesStage(TailorStorage storage, ILogger<ProfilesStage> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<ProfilesResult> RunAsync(SnapshotResult snapshotResult, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotStore.ReadAsync(storage, snapshotResult.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var blobName = RunBlobs.Profiles(snapshotResult.RunId);
        var blob = storage.Snapshots.GetBlobClient(blobName);
        var users = 0;
        await using (var stream = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var newline = "\n"u8.ToArray();
            foreach (var profile in ProfileBuilder.Build(snapshot))
            {
                await JsonSerializer.SerializeAsync(stream, profile, s_json, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(newline, cancellationToken).ConfigureAwait(false);
                users++;
            }
        }

        LogProfiles(logger, snapshotResult.RunId, users);
        return new ProfilesResult(blobName, users);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: wrote {Users} user profiles")]
    private static partial void LogProfiles(ILogger logger, string runId, int users);
}
