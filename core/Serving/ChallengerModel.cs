using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Profiles;

namespace Tailor.Serving;

/// <summary>
/// The challenger of a champion/challenger split — the version the pipeline promoted online (<see cref="ChallengerPointer"/>,
/// checked every refresh interval), else the configured one (<see cref="ServingOptions.Challenger"/>): which users it serves
/// (a stable hash of the user id below the share, <see cref="VariantAssignment"/>) and its model, loaded once on first
/// use (with its profiles, and the champion's catalog) and retried at most every refresh interval after a failure.
/// While it is not loaded, or when it is the version the champion serves, everyone gets the champion.
/// </summary>
public sealed partial class ChallengerModel(
    ModelStore store, ProfileStore profiles, IOptions<ServingOptions> options, TimeProvider time, ILogger<ChallengerModel> logger,
    ChallengerPointer? stored = null)
{
    private static readonly ChallengerOptions s_defaults = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _storedGate = new();
    private LoadedModel? _loaded;
    private string? _championVersion;
    private long _retryAt;
    private string? _storedVersion;
    private long _storedDueAt;
    private Task? _storedRead;

    /// <summary>Share of users the challenger serves (<c>Tailor:Serving:Challenger:Share</c>, 0.1 when not set).</summary>
    public double Share => (options.Value.Challenger ?? s_defaults).Share;

    /// <summary>The challenger version: the one the pipeline promoted online (<see cref="ChallengerPointer"/>, as of the
    /// last check), else the configured one; null when there is no split.</summary>
    public string? Version =>
        Share <= 0 ? null
        : Volatile.Read(ref _storedVersion) is { } promoted ? promoted
        : options.Value.Challenger is { Version: { Length: > 0 } version } ? version : null;

    /// <summary>The model that serves <paramref name="userId"/>: the challenger when the user falls in its share and
    /// it is loaded, else <paramref name="champion"/>.</summary>
    public async ValueTask<LoadedModel> ForUserAsync(string userId, LoadedModel champion, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _championVersion, champion.Version);
        if (StartStoredReadIfDue() is { } first)
        {
            await first.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Version is not { } version || version == champion.Version || !VariantAssignment.IsChallenger(userId, Share))
        {
            return champion;
        }

        var loaded = Volatile.Read(ref _loaded) is { } done && done.Version == version
            ? done
            : await LoadAsync(version, champion, cancellationToken).ConfigureAwait(false);
        return loaded ?? champion;
    }

    /// <summary>Starts a read of <c>challenger.json</c> when one is due (at most every refresh interval) and none is in
    /// flight; returns it only for the first read, which callers wait for (later ones refresh in the background).</summary>
    private Task? StartStoredReadIfDue()
    {
        if (stored is null || time.GetTimestamp() < Interlocked.Read(ref _storedDueAt))
        {
            return null;
        }

        lock (_storedGate)
        {
            var first = _storedDueAt == 0;
            if (_storedRead is null && time.GetTimestamp() >= Interlocked.Read(ref _storedDueAt))
            {
                _storedRead = ReadStoredAsync();
            }

            return first ? _storedRead : null;
        }
    }

    private async Task ReadStoredAsync()
    {
        await Task.Yield();
        try
        {
            var found = await stored!.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _storedVersion, found?.State.Version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoredReadFailed(logger, e);
        }
        finally
        {
            lock (_storedGate)
            {
                Interlocked.Exchange(ref _storedDueAt, time.GetTimestamp() + (options.Value.RefreshSeconds * time.TimestampFrequency));
                _storedRead = null;
            }
        }
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
            if (Volatile.Read(ref _loaded) is { } done && done.Version == version)
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
                LogLoaded(logger, version, Share);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "challenger.json could not be read; serving keeps the challenger it had")]
    private static partial void LogStoredReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Challenger {Version} could not be loaded; its users get the champion until a retry succeeds")]
    private static partial void LogLoadFailed(ILogger logger, string version, Exception exception);
}
