using Tailor.Models;
using Tailor.Testing;

namespace Tailor.Tests.Models;

[Collection(AzuriteCollection.Name)]
public sealed class ModelPromoterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Promoter_points_serving_at_an_existing_version()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        await store.WriteVersionAsync("v1", SampleArtifacts.Small(), SampleDocuments.Manifest("v1"), SampleDocuments.Report("v1"));
        await store.WriteVersionAsync("v2", SampleArtifacts.Small(), SampleDocuments.Manifest("v2"), SampleDocuments.Report("v2"));
        var pointer = new ModelPointer(storage);
        var promoter = new ModelPromoter(store, pointer, TimeProvider.System);

        Assert.Equal(PromotionStatus.Promoted, (await promoter.PromoteAsync("v2", "first")).Status);
        Assert.Equal(PromotionStatus.Promoted, (await promoter.PromoteAsync("v1", "rollback")).Status);

        var state = await pointer.ReadAsync();
        Assert.Equal("v1", state!.Current.Version);
        Assert.Equal("rollback", state.Current.Reason);
    }

    [Fact]
    public async Task Promoter_refuses_an_unknown_version_and_leaves_the_pointer()
    {
        var storage = await azurite.CreateStorageAsync();
        var pointer = new ModelPointer(storage);
        var promoter = new ModelPromoter(new ModelStore(storage), pointer, TimeProvider.System);

        Assert.Equal(PromotionStatus.UnknownVersion, (await promoter.PromoteAsync("v9", "typo")).Status);
        Assert.Equal(PromotionStatus.UnknownVersion, (await promoter.PromoteAsync("../current", "bad name")).Status);
        Assert.Null(await pointer.ReadAsync());
    }

    [Fact]
    public async Task Promoter_reports_a_conflict_when_the_callers_etag_is_stale()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        await store.WriteVersionAsync("v1", SampleArtifacts.Small(), SampleDocuments.Manifest("v1"), SampleDocuments.Report("v1"));
        var pointer = new ModelPointer(storage);
        var promoter = new ModelPromoter(store, pointer, TimeProvider.System);
        await promoter.PromoteAsync("v1", "first");
        var seen = (await pointer.ReadAsync())!.ETag;
        await promoter.PromoteAsync("v1", "someone else");

        Assert.Equal(PromotionStatus.Conflict, (await promoter.PromoteAsync("v1", "mine", seen)).Status);
    }
}
