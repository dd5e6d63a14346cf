using Microsoft.Extensions.DependencyInjection;
using Tailor.Catalog;
using Tailor.Cli.Synthetic;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Pipeline;

/// <summary>Training takes the merged item catalog with its interaction snapshot, and the manifest names it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CatalogTrainingTests(AzuriteFixture azurite)
{
    private static readonly GeneratorOptions s_shop = new(Users: 200, Items: 100, Events: 8_000, Seed: 11);

    [Fact]
    public async Task A_training_run_snapshots_the_catalog_and_its_manifest_names_the_snapshot()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        using (var catalog = new MemoryStream())
        {
            await new SyntheticEventGenerator(s_shop).WriteCatalogAsync(catalog);
            catalog.Position = 0;
            await harness.Storage.Catalog.GetBlobClient("catalog.csv").UploadAsync(catalog);
        }

        await harness.Storage.Catalog.GetBlobClient("hide.csv").UploadAsync(BinaryData.FromString($"item_id,available\n{SyntheticEventGenerator.ItemId(1)},false\n"));
        var ingestCatalog = harness.Create<IngestCatalogFunctions>();
        Assert.Equal(BatchStatus.Processed, (await ingestCatalog.IngestAsync("catalog.csv", CancellationToken.None)).Status);
        Assert.Equal(BatchStatus.Processed, (await ingestCatalog.IngestAsync("hide.csv", CancellationToken.None)).Status);
        await harness.UploadGeneratedAsync("day1.csv", s_shop);
        await harness.Create<IngestEventsFunctions>().IngestAsync("day1.csv", harness.Client, CancellationToken.None);

        var outcome = await harness.WaitForTrainingAsync();

        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        var taken = outcome.Snapshot.Catalog;
        Assert.NotNull(taken);
        Assert.Equal((s_shop.Items, s_shop.Items - 1, 2), (taken.Items, taken.AvailableItems, taken.Batches));
        var manifest = await harness.Services.GetRequiredService<ModelStore>().ReadManifestAsync(outcome.Promotion.Version!);
        Assert.Equal(taken, manifest?.Catalog);
        var served = await ItemCatalog.LoadAsync(harness.Storage, manifest!.Catalog!.BlobName);
        Assert.Equal(s_shop.Items, served.Count);
        Assert.False(served.IsAvailable(SyntheticEventGenerator.ItemId(1)));
        Assert.True(served.TryGet(SyntheticEventGenerator.ItemId(0), out var item));
        Assert.NotEmpty(item.Categories);
    }

    [Fact]
    public async Task A_model_trained_with_a_catalog_serves_its_categories_and_never_an_unavailable_item()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        using (var catalog = new MemoryStream())
        {
            await new SyntheticEventGenerator(s_shop).WriteCatalogAsync(catalog);
            catalog.Position = 0;
            await harness.Storage.Catalog.GetBlobClient("catalog.csv").UploadAsync(catalog);
        }

        var ingestCatalog = harness.Create<IngestCatalogFunctions>();
        Assert.Equal(BatchStatus.Processed, (await ingestCatalog.IngestAsync("catalog.csv", CancellationToken.None)).Status);
        await harness.UploadGeneratedAsync("day1.csv", s_shop);
        await harness.Create<IngestEventsFunctions>().IngestAsync("day1.csv", harness.Client, CancellationToken.None);
        var outcome = await harness.WaitForTrainingAsync();
        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        var functions = harness.Create<RecommendationFunctions>();
        var popular = await IdsAsync(functions, "stranger", "?count=100");
        var hidden = popular[0];
        await harness.Storage.Catalog.GetBlobClient("hide.csv").UploadAsync(BinaryData.FromString($"item_id,available\n{hidden},false\n"));
        Assert.Equal(BatchStatus.Processed, (await ingestCatalog.IngestAsync("hide.csv", CancellationToken.None)).Status);
        await harness.Services.GetRequiredService<ModelCache>().RefreshAsync();

        var catalogNow = await ItemCatalog.LoadAsync(harness.Storage, CurrentCatalog.BlobName);
        var category = catalogNow.Categories.First(c => !c.Contains('/', StringComparison.Ordinal));
        var inCategory = await IdsAsync(functions, "stranger", "?count=100&category=" + category.ToUpperInvariant());
        var afterHiding = await IdsAsync(functions, "stranger", "?count=100");

        Assert.NotEmpty(inCategory);
        Assert.All(inCategory, id => Assert.True(catalogNow.IsIn(id, category), $"{id} is not in {category}"));
        Assert.Equal(popular.Where(id => catalogNow.IsIn(id, category)), inCategory);
        Assert.Equal(popular.Skip(1), afterHiding);
    }

    private static async Task<List<string>> IdsAsync(RecommendationFunctions functions, string userId, string query)
    {
        var response = await ServingHarness.RunAsync(await functions.GetForUser(ServingHarness.Get("/api/recommendations/" + userId, query), userId), "GetRecommendations");
        Assert.Equal(200, response.Status);
        return [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];
    }
}
