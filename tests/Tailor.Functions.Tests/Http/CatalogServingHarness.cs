using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Catalog;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>The whole app's services (<c>AddTailor</c>) over storage no other test uses, serving the EASE sample
/// model of <see cref="ServingHarness"/> (items i00–i19) as a training run with a catalog would leave it: catalog
/// batches ingested by the catalog function, the merged catalog snapshotted into the run's folder and named by the
/// manifest, the version promoted. The serving cache checks for changes every second.</summary>
internal sealed class CatalogServingHarness : IAsyncDisposable
{
    public const int RefreshSeconds = 1;

    private readonly ServiceProvider _provider;

    private CatalogServingHarness(ServiceProvider provider) => _provider = provider;

    public TailorStorage Storage => _provider.GetRequiredService<TailorStorage>();

    public static async Task<CatalogServingHarness> CreateAsync(AzuriteFixture azurite)
    {
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        settings["Tailor:Serving:RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var provider = TailorServices.Build(settings);
        await provider.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
        return new CatalogServingHarness(provider);
    }

    public RecommendationFunctions Functions => ActivatorUtilities.CreateInstance<RecommendationFunctions>(_provider);

    public ModelFunctions Models => ActivatorUtilities.CreateInstance<ModelFunctions>(_provider);

    /// <summary>Uploads <paramref name="csv"/> to the catalog container and ingests it with the catalog function.</summary>
    public async Task IngestCatalogAsync(string blobName, string csv)
    {
        await Storage.Catalog.GetBlobClient(blobName).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(csv)), overwrite: true);
        var outcome = await ActivatorUtilities.CreateInstance<IngestCatalogFunctions>(_provider).IngestAsync(blobName, CancellationToken.None);
        Assert.Equal(BatchStatus.Processed, outcome.Status);
    }

    /// <summary>Writes and promotes version <paramref name="version"/> of the EASE sample (or <paramref name="artifact"/>); with
    /// <paramref name="withCatalog"/> its run snapshots the merged catalog and the manifest names it.</summary>
    public async Task PromoteAsync(string version, bool withCatalog = true, ModelArtifact? artifact = null)
    {
        var catalog = withCatalog ? await _provider.GetRequiredService<CatalogSnapshot>().WriteAsync($"runs/{version}/catalog.parquet") : null;
        artifact ??= ServingHarness.EaseArtifact();
        var manifest = new ModelManifest(
            version, artifact.Algorithm, new Dictionary<string, string>(), new DataSnapshotInfo($"runs/{version}/snapshot.bin", 8, 20, artifact.History.NonZeroCount),
            new Dictionary<string, double>(), DateTimeOffset.UnixEpoch, [], []) { Catalog = catalog };
        var metrics = new Evaluation.MetricSet(10, 8, 0.1, 0.2, 0.3, 0.15, 0.4, 0.25, 0.5, 0);
        var report = new EvaluationReport(version, 10, metrics, metrics, null, null, new PromotionDecision(true, "first model"));
        await _provider.GetRequiredService<ModelStore>().WriteVersionAsync(version, artifact, manifest, report);
        var promoted = await _provider.GetRequiredService<ModelPromoter>().PromoteAsync(version, "test");
        Assert.Equal(PromotionStatus.Promoted, promoted.Status);
        await _provider.GetRequiredService<ModelCache>().RefreshAsync();
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
