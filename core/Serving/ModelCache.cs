using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Catalog;
using Tailor.Content;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Storage;

namespace Tailor.Serving;

/// <summary>
/// One shared model per process, with the user profiles of the run that made it and its item catalog. Loaded on first use and reloaded when <c>current.json</c>'s ETag changes,
/// checked at most every <see cref="ServingOptions.RefreshSeconds"/>. A model trained with a catalog serves the
/// newest of its manifest's catalog snapshot and the published <see cref="CurrentCatalog"/>; the same check reloads
/// the catalog alone when the published one's ETag changes, so a catalog upload reaches serving within one
/// refresh interval (plus the load) of its batch being processed, without retraining. The model is swapped atomically;
/// while a refresh runs, callers keep the model they have (only a process with no model yet waits for it),
/// and at most one refresh is in flight.
/// </summary>
public sealed partial class ModelCache(
    ModelStore store,
    ModelPointer pointer,
    ProfileStore profiles,
    TailorStorage storage,
    IOptions<ServingOptions> options,
    TimeProvider time,
    ILogger<ModelCache> logger,
    ITextEmbedder? embedder = null) : IModelSource
{
    private readonly Lock _gate = new();
    private LoadedModel? _current;
    private Task? _refresh;

    /// <summary>Timestamp (of <see cref="TimeProvider.GetTimestamp"/>) from which the next check is due; 0: now.</summary>
    private long _dueAt;

    /// <summary>The model being served, or null when none is loaded (nothing promoted, or loading failed).</summary>
    public LoadedModel? Current => Volatile.Read(ref _current);

    /// <summary>The current model, starting a refresh check when one is due. Waits for the check only when
    /// no model is loaded yet.</summary>
    public async ValueTask<LoadedModel?> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = Current;
        if (current is not null && time.GetTimestamp() < Interlocked.Read(ref _dueAt))
        {
            return current;
        }

        var refresh = StartRefreshIfDue();
        if (current is null && refresh is not null)
        {
            await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            current = Current;
        }

        return current;
    }

    /// <summary>Checks the pointer now and returns the model afterwards; used right after a promotion so this
    /// process serves the new version at once. A check already in flight may have read the pointer before
    /// the caller's change, so it is awaited first and a fresh one (or one started since) follows.</summary>
    public async Task<LoadedModel?> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task? inFlight;
        lock (_gate)
        {
            inFlight = _refresh;
        }

        if (inFlight is not null)
        {
            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Task refresh;
        lock (_gate)
        {
            refresh = _refresh ??= RunRefreshAsync();
        }

        await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Current;
    }

    private Task? StartRefreshIfDue()
    {
        lock (_gate)
        {
            if (_refresh is not null)
            {
                return _refresh;
            }

            if (time.GetTimestamp() < Interlocked.Read(ref _dueAt))
            {
                return null;
            }

            _refresh = RunRefreshAsync();
            return _refresh;
        }
    }

    private async Task RunRefreshAsync()
    {
        // Leave the caller's synchronous path (it holds the gate); the finally below takes the gate again,
        // so it cannot clear _refresh before the caller has stored this task.
        await Task.Yield();
        try
        {
            await RefreshCoreAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep serving what we have; the next check after the interval tries again.
            LogRefreshFailed(logger, e);
        }
        finally
        {
            lock (_gate)
            {
                Interlocked.Exchange(ref _dueAt, time.GetTimestamp() + (options.Value.RefreshSeconds * time.TimestampFrequency));
                _refresh = null;
            }
        }
    }

    private async Task RefreshCoreAsync()
    {
        // The shared refresh outlives any one request, so it does not take a request's token.
        var state = await pointer.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        var current = Current;
        if (state is null)
        {
            if (current is null)
            {
                LogNoModel(logger);
            }

            return;
        }

        if (current is not null && current.PointerETag == state.ETag)
        {
            await RefreshCatalogAsync(current).ConfigureAwait(false);
            return;
        }

        var version = state.Current.Version;
        using var activity = ServingTelemetry.Source.StartActivity("load model");
        activity?.SetTag(ServingTelemetry.Tags.ModelVersion, version);
        var started = time.GetTimestamp();
        LoadedModel loaded;
        try
        {
            var artifact = await store.LoadArtifactAsync(version, CancellationToken.None).ConfigureAwait(false);
            var manifest = await store.ReadManifestAsync(version, CancellationToken.None).ConfigureAwait(false);
            var report = await store.ReadReportAsync(version, CancellationToken.None).ConfigureAwait(false);
            var userProfiles = await profiles.LoadVersionAsync(version, CancellationToken.None).ConfigureAwait(false);
            var catalog = await LoadCatalogAsync(manifest?.Catalog).ConfigureAwait(false);
            var segments = await new SegmentStore(storage).LoadVersionAsync(version, CancellationToken.None).ConfigureAwait(false);
            loaded = new LoadedModel(state.Current, state.ETag, artifact, manifest, report, userProfiles, catalog, ContentOf(artifact, catalog)) { Segments = segments };
        }
        catch (Exception e)
        {
            ServingTelemetry.RecordModelLoad(version, ServingTelemetry.Outcomes.LoadFailed, time.GetElapsedTime(started).TotalMilliseconds);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }

        Volatile.Write(ref _current, loaded);
        var milliseconds = time.GetElapsedTime(started).TotalMilliseconds;
        ServingTelemetry.RecordModelLoad(version, ServingTelemetry.Outcomes.Loaded, milliseconds);
        ServingTelemetry.RecordServing(Variants.Champion, version);
        LogLoaded(logger, version, loaded.Artifact.Algorithm, loaded.Artifact.UserIds.Length, loaded.Artifact.ItemIds.Length,
            loaded.Profiles?.Count ?? 0, milliseconds);
    }

    /// <summary>The catalog to serve with a model trained with <paramref name="trained"/>: the published current
    /// catalog when it merged at least as many batches, else the manifest's snapshot; null without one.</summary>
    private async Task<ServedCatalog?> LoadCatalogAsync(CatalogSnapshotInfo? trained)
    {
        if (trained is null)
        {
            return null;
        }

        var published = await CurrentCatalog.ProbeAsync(storage, CancellationToken.None).ConfigureAwait(false);
        if (published is not null && published.Batches >= trained.Batches
            && await CurrentCatalog.LoadAsync(storage, published, CancellationToken.None).ConfigureAwait(false) is { } latest)
        {
            return Served(latest, CurrentCatalog.BlobName, published);
        }

        var snapshot = await ItemCatalog.LoadAsync(storage, trained.BlobName, CancellationToken.None).ConfigureAwait(false);
        return Served(snapshot, trained.BlobName, null, trained.Batches);
    }

    /// <summary>Swaps in the published catalog when it changed since <paramref name="current"/> was loaded.</summary>
    private async Task RefreshCatalogAsync(LoadedModel current)
    {
        if (current.Manifest?.Catalog is not { } trained)
        {
            return;
        }

        var published = await CurrentCatalog.ProbeAsync(storage, CancellationToken.None).ConfigureAwait(false);
        if (published is null || published.Batches < trained.Batches || published.ETag == current.Catalog?.ETag)
        {
            return;
        }

        if (await CurrentCatalog.LoadAsync(storage, published, CancellationToken.None).ConfigureAwait(false) is { } latest)
        {
            var served = Served(latest, CurrentCatalog.BlobName, published);
            var refreshed = current.WithCatalog(served, ContentOf(current.Artifact, served));
            Volatile.Write(ref _current, refreshed);
        }
    }

    private ServedCatalog Served(ItemCatalog catalog, string blobName, CurrentCatalogVersion? published, int batches = 0)
    {
        var served = new ServedCatalog(ItemCatalogView.From(catalog), blobName, published?.ETag, published?.Batches ?? batches, catalog);
        LogCatalog(logger, blobName, catalog.Count, catalog.AvailableCount, served.Batches);
        return served;
    }

    /// <summary>The catalog seen by content for this model: cold items mapped from their content, dated items for fresh
    /// slots. Learned here rather than at training, so catalog items uploaded after training are served at once.</summary>
    private CatalogContent? ContentOf(ModelArtifact artifact, ServedCatalog? catalog)
    {
        if (catalog?.Items is not { Count: > 0 } items)
        {
            return null;
        }

        var started = time.GetTimestamp();
        var settings = ContentSettings.Default with { UseEmbedding = options.Value.ContentEmbedding && embedder is not null };
        var content = CatalogContent.Build(artifact.Model, artifact.ItemIds, items, settings, embedder);
        LogContent(logger, content.ColdIds.Count, content.Mapping?.Method ?? "none", time.GetElapsedTime(started).TotalMilliseconds);
        return content;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content mapping for {Cold} cold catalog items ({Method}) learned in {Milliseconds:0} ms")]
    private static partial void LogContent(ILogger logger, int cold, string method, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving item catalog {BlobName} ({Items} items, {Available} available, {Batches} batches)")]
    private static partial void LogCatalog(ILogger logger, string blobName, int items, int available, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {Version} ({Algorithm}, {Users} users, {Items} items, {Profiles} profiles), loaded in {Milliseconds:0} ms")]
    private static partial void LogLoaded(ILogger logger, string version, string algorithm, int users, int items, int profiles, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "No model has been promoted yet; recommendations answer 503 until one is")]
    private static partial void LogNoModel(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model refresh failed; still serving the previous model if any")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
