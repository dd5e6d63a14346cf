using Tailor.Catalog;
using Tailor.Ingestion;
using Tailor.Testing;

namespace Tailor.Tests.Catalog;

/// <summary>The published current catalog (<c>catalog/current.parquet</c>) that serving refreshes between training runs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CurrentCatalogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Nothing_is_published_before_a_catalog_batch_is_processed()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        Assert.Null(await context.Snapshot.PublishCurrentAsync());
        Assert.Null(await CurrentCatalog.ProbeAsync(context.Storage));
    }

    [Fact]
    public async Task Each_publication_merges_every_batch_and_changes_the_etag()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        await context.UploadAndIngestAsync("a.csv", "item_id,categories\ni1,Drama\ni2,Comedy\n");
        var first = await context.Snapshot.PublishCurrentAsync();
        var probedFirst = await CurrentCatalog.ProbeAsync(context.Storage);
        await context.UploadAndIngestAsync("b.csv", "item_id,available\ni2,false\n");
        var second = await context.Snapshot.PublishCurrentAsync();
        var probedSecond = await CurrentCatalog.ProbeAsync(context.Storage);

        Assert.Equal(new CatalogSnapshotInfo(CurrentCatalog.BlobName, 2, 2, 1), first);
        Assert.Equal(new CatalogSnapshotInfo(CurrentCatalog.BlobName, 2, 1, 2), second);
        Assert.Equal(1, probedFirst!.Batches);
        Assert.Equal(2, probedSecond!.Batches);
        Assert.NotEqual(probedFirst.ETag, probedSecond.ETag);
        var loaded = await CurrentCatalog.LoadAsync(context.Storage, probedSecond);
        Assert.NotNull(loaded);
        Assert.False(loaded.IsAvailable("i2"));
        Assert.True(loaded.IsIn("i1", "drama"));
    }

    [Fact]
    public async Task Loading_a_probed_version_that_has_since_been_replaced_answers_null()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        await context.UploadAndIngestAsync("a.csv", "item_id\ni1\n");
        await context.Snapshot.PublishCurrentAsync();
        var stale = await CurrentCatalog.ProbeAsync(context.Storage);
        await context.UploadAndIngestAsync("b.csv", "item_id\ni2\n");
        await context.Snapshot.PublishCurrentAsync();

        Assert.Null(await CurrentCatalog.LoadAsync(context.Storage, stale!));
    }

    [Fact]
    public async Task Batches_ingested_and_published_concurrently_all_reach_the_current_catalog()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async n =>
        {
            Assert.Equal(BatchStatus.Processed, (await context.UploadAndIngestAsync($"part{n}.csv", $"item_id\ni{n}\n")).Status);
            await context.Snapshot.PublishCurrentAsync();
        }));

        var published = await CurrentCatalog.ProbeAsync(context.Storage);
        Assert.Equal(4, published!.Batches);
        Assert.Equal(4, (await CurrentCatalog.LoadAsync(context.Storage, published))!.Count);
    }
}
