using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Models;

namespace Tailor.Tests.Serving;

[Collection(AzuriteCollection.Name)]
public sealed class ModelCacheTests(AzuriteFixture azurite)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Cache_has_no_model_before_the_first_promotion()
    {
        var (_, cache, _) = await CreateAsync();

        Assert.Null(await cache.GetAsync());
        Assert.Null(cache.Current);
    }

    [Fact]
    public async Task Cache_loads_the_promoted_model_on_first_use()
    {
        var (storage, cache, promoter) = await CreateAsync();
        await WriteAsync(storage, "v1");
        await promoter.PromoteAsync("v1", "first");

        var model = await cache.GetAsync();

        Assert.Equal("v1", model!.Version);
        Assert.Equal(6, model.ItemIndex.Count);
        Assert.Equal(3, model.ItemIndex["i3"]);
        Assert.Equal(0.41, model.Report!.Candidate.Ndcg);
    }

    [Fact]
    public async Task Cache_refreshes_when_the_pointer_etag_changes_but_not_before_the_interval()
    {
        var (storage, cache, promoter) = await CreateAsync();
        await WriteAsync(storage, "v1");
        await WriteAsync(storage, "v2");
        await promoter.PromoteAsync("v1", "first");
        var first = await cache.GetAsync();

        await promoter.PromoteAsync("v2", "better");
        _time.Advance(TimeSpan.FromSeconds(29));
        var beforeInterval = await cache.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        var duringRefresh = await cache.GetAsync();
        var refreshed = await Eventually.PollAsync(
            async () => await cache.GetAsync() is { Version: "v2" } model ? model : null,
            TimeSpan.FromSeconds(30),
            "the cache to serve v2");

        Assert.Same(first, beforeInterval);
        Assert.Contains(duringRefresh!.Version, new[] { "v1", "v2" });
        Assert.Equal("better", refreshed.Pointer.Reason);
    }

    [Fact]
    public async Task Cache_keeps_the_same_model_when_the_pointer_is_unchanged()
    {
        var (storage, cache, promoter) = await CreateAsync();
        await WriteAsync(storage, "v1");
        await promoter.PromoteAsync("v1", "first");
        var first = await cache.GetAsync();

        _time.Advance(TimeSpan.FromMinutes(5));
        var after = await cache.RefreshAsync();

        Assert.Same(first, after);
    }

    [Fact]
    public async Task Cache_picks_up_the_first_promotion_after_the_interval()
    {
        var (storage, cache, promoter) = await CreateAsync();
        Assert.Null(await cache.GetAsync());
        await WriteAsync(storage, "v1");
        await promoter.PromoteAsync("v1", "first");

        var stillNone = await cache.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        var loaded = await cache.GetAsync();

        Assert.Null(stillNone);
        Assert.Equal("v1", loaded!.Version);
    }

    [Fact]
    public async Task RefreshAsync_serves_a_new_promotion_at_once()
    {
        var (storage, cache, promoter) = await CreateAsync();
        await WriteAsync(storage, "v1");
        await WriteAsync(storage, "v2");
        await promoter.PromoteAsync("v1", "first");
        await cache.GetAsync();

        await promoter.PromoteAsync("v2", "rollforward");
        var model = await cache.RefreshAsync();

        Assert.Equal("v2", model!.Version);
        Assert.Equal("v2", (await cache.GetAsync())!.Version);
    }

    [Fact]
    public async Task A_corrupt_new_version_leaves_the_old_model_serving()
    {
        var (storage, cache, promoter) = await CreateAsync();
        await WriteAsync(storage, "v1");
        await promoter.PromoteAsync("v1", "first");
        var first = await cache.GetAsync();
        await WriteAsync(storage, "v2");
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());
        bytes[bytes.Length / 2] ^= 0x04;
        await storage.Models.GetBlobClient("v2/model.bin").UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        await promoter.PromoteAsync("v2", "corrupt");

        var after = await cache.RefreshAsync();

        Assert.Same(first, after);
    }

    [Fact]
    public async Task Concurrent_first_callers_share_one_load()
    {
        var (storage, cache, promoter) = await CreateAsync();
        await WriteAsync(storage, "v1");
        await promoter.PromoteAsync("v1", "first");

        var models = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await cache.GetAsync())));

        Assert.All(models, model => Assert.Same(models[0], model));
        Assert.NotNull(models[0]);
    }

    [Fact]
    public async Task Callers_keep_the_old_model_while_a_single_refresh_loads_the_new_one()
    {
        var policy = new GatedBlobPolicy();
        var (storage, cache, promoter) = await CreateAsync(policy);
        await WriteAsync(storage, "v1");
        await WriteAsync(storage, "v2");
        await promoter.PromoteAsync("v1", "first");
        var first = await cache.GetAsync();
        await promoter.PromoteAsync("v2", "better");
        policy.ResetCounts();
        policy.Close();

        _time.Advance(TimeSpan.FromSeconds(31));
        // Bounded waits: a cache that made callers wait for the blocked load would time out here.
        var meanwhile = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await cache.GetAsync()))).WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.PollAsync(() => Task.FromResult(policy.ArtifactReads > 0 ? "loading" : null), TimeSpan.FromSeconds(30), "the refresh to start downloading v2");
        var whileLoading = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await cache.GetAsync()))).WaitAsync(TimeSpan.FromSeconds(30));
        var pointerReadsWhileLoading = policy.PointerReads;
        policy.Release();
        var refreshed = await Eventually.PollAsync(
            async () => await cache.GetAsync() is { Version: "v2" } model ? model : null,
            TimeSpan.FromSeconds(30),
            "the cache to serve v2");

        Assert.All(meanwhile, model => Assert.Same(first, model));
        Assert.All(whileLoading, model => Assert.Same(first, model));
        Assert.Equal(1, pointerReadsWhileLoading);
        Assert.Equal(1, policy.ArtifactReads);
        Assert.Equal(1, policy.PointerReads);
        Assert.Equal("better", refreshed.Pointer.Reason);
    }

    private async Task<(TailorStorage Storage, ModelCache Cache, ModelPromoter Promoter)> CreateAsync(GatedBlobPolicy? policy = null)
    {
        var storage = await azurite.CreateStorageAsync();
        if (policy is not null)
        {
            var options = new BlobClientOptions();
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
            storage = new TailorStorage(new BlobServiceClient(azurite.ConnectionString, options), storage.Tables, storage.Options);
        }

        var store = new ModelStore(storage);
        var pointer = new ModelPointer(storage);
        var cache = new ModelCache(store, pointer, new ProfileStore(storage), storage, Options.Create(new ServingOptions { RefreshSeconds = 30 }), _time, NullLogger<ModelCache>.Instance);
        return (storage, cache, new ModelPromoter(store, pointer, _time));
    }

    private static Task WriteAsync(TailorStorage storage, string version) =>
        new ModelStore(storage).WriteVersionAsync(version, SampleArtifacts.Small(), SampleDocuments.Manifest(version), SampleDocuments.Report(version));
}
