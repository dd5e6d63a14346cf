using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Profiles;

namespace Tailor.Serving;

/// <summary>
/// The challenger of a champion/challenger split (<see cref="ServingOptions.Challenger"/>): which users it serves
/// (a stable hash of the user id below the share, <see cref="VariantAssignment"/>) and its model, loaded once on first
/// use (with its profiles, and the champion's catalog) and retried at most every refresh interval after a failure.
/// While it is not loaded, or when it is the version the champion serves, everyone gets the champion.
/// </summary>
public sealed partial class ChallengerModel(
    ModelStore store, ProfileStore profiles, IOptions<ServingOptions> options, TimeProvider time, ILogger<ChallengerModel> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LoadedModel? _loaded;
    private string? _championVersion;
    private long _retryAt;

    /// <summary>The configured challenger version, or null when there is no split.</summary>
    public string? Version => options.Value.Challenger is { Version: { Length: > 0 } version, Share: > 0 } ? version : null;

    /// <summary>The model that serves <paramref name="userId"/>: the challenger when the user falls in its share and
    /// it is loaded, else <paramref name="champion"/>.</summary>
    public async ValueTask<LoadedModel> ForUserAsync(string userId, LoadedModel champion, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _championVersion, champion.Version);
        if (Version is not { } version || version == champion.Version
            || !VariantAssignment.IsChallenger(userId, options.Value.Challenger!.Share))
        {
            return champion;
        }

        var loaded = Volatile.Read(ref _loaded) ?? await LoadAsync(version, champion, cancellationToken).ConfigureAwait(false);
        return loaded ?? champion;
    }

    /// <summary>The variant a list served by <paramref name="modelVersion"/> belongs to: the challenger's version, unless
    /// it is also the version the champion serves (it was promoted: the split is over).</summary>
    public string VariantOf(string modelVersion) =>
        Version is { } version && version == modelVersion && modelVersion != Volatile.Read(ref _championVersion) ? Variants.Challenger : Variants.Champion;

    private async ValueTask<LoadedModel?> LoadAsync(string version, LoadedModel champion, CancellationToken cancellationToken)
    {
        if (time.GetTimestamp() < Interlocked.Read(ref _retryAt))
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _loaded) is { } done)
            {
                return done;
            }

            var started = time.GetTimestamp();
            try
            {
                var artifact = await store.LoadArtifactAsync(version, CancellationToken.None).ConfigureAwait(false);
                var manifest = await store.ReadManifestAsync(version, CancellationToken.None).ConfigureAwait(false);
                var report = await store.ReadReportAsync(version, CancellationToken.None).ConfigureAwait(false);
                var userProfiles = await profiles.LoadVersionAsync(version, CancellationToken.None).ConfigureAwait(false);
                var pointer = new CurrentModel(version, manifest?.CreatedUtc ?? time.GetUtcNow(), "challenger");
                var loaded = new LoadedModel(pointer, default, artifact, manifest, report, userProfiles, champion.Catalog);
                Volatile.Write(ref _loaded, loaded);
                ServingTelemetry.RecordModelLoad(version, ServingTelemetry.Outcomes.Loaded, time.GetElapsedTime(started).TotalMilliseconds);
                ServingTelemetry.RecordServing(Variants.Challenger, version);
                LogLoaded(logger, version, options.Value.Challenger!.Share);
                return loaded;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ServingTelemetry.RecordModelLoad(version, ServingTelemetry.Outcomes.LoadFailed, time.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Exchange(ref _retryAt, time.GetTimestamp() + (options.Value.RefreshSeconds * time.TimestampFrequency));
                LogLoadFailed(logger, version, e);
                return null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenger {Version} loaded; it serves a share {Share} of users")]
    private static partial void LogLoaded(ILogger logger, string version, double share);

    [LoggerMessage(Level = LogLevel.Error, Message = "Challenger {Version} could not be loaded; its users get the champion until a retry succeeds")]
    private static partial void LogLoadFailed(ILogger logger, string version, Exception exception);
}
