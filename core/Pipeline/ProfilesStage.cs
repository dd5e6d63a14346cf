using Microsoft.Extensions.Logging;
using Tailor.Profiles;

namespace Tailor.Pipeline;

/// <summary>Derives every user's profile from the run's snapshot and stores it under the run's partition.</summary>
public sealed partial class ProfilesStage(RunStore runs, ProfileStore profiles, ILogger<ProfilesStage> logger)
{
    public async Task<ProfilesResult> RunAsync(SnapshotResult snapshotResult, CancellationToken cancellationToken = default)
    {
        var snapshot = await runs.ReadSnapshotAsync(snapshotResult.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var users = await profiles.WriteAsync(snapshotResult.RunId, ProfileBuilder.Build(snapshot), cancellationToken).ConfigureAwait(false);
        LogProfiles(logger, snapshotResult.RunId, users);
        return new ProfilesResult(ProfileStore.PartitionFor(snapshotResult.RunId), users);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: stored {Users} user profiles")]
    private static partial void LogProfiles(ILogger logger, string runId, int users);
}
