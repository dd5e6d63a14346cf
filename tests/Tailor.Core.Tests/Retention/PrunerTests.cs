using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Retention;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Models;
using Tailor.Tests.Serving;

namespace Tailor.Tests.Retention;

[Collection(AzuriteCollection.Name)]
public sealed class PrunerTests(AzuriteFixture azurite)
{
    // Azurite stamps blobs with the real time, so the pruner's clock starts there and moves ahead.
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Run_folders_older_than_RunDays_are_deleted_and_recent_ones_kept()
    {
        var storage = await azurite.CreateStorageAsync();
        _time.Advance(TimeSpan.FromDays(8));
        var old = RunId(_time.GetUtcNow().AddDays(-10));
        var recent = RunId(_time.GetUtcNow().AddDays(-1));
        await WriteBlobAsync(storage, RunBlobs.Snapshot(old), 100);
        await WriteBlobAsync(storage, RunBlobs.Profiles(old), 40);
        await WriteBlobAsync(storage, RunBlobs.Snapshot(recent), 100);

        var summary = await Pruner(storage).PruneAsync();

        Assert.Equal(1, summary.Runs);
        Assert.Equal(1, summary.ProfileArtifacts);
        Assert.Equal(2, summary.Blobs);
        Assert.Equal(140, summary.Bytes);
        Assert.False(await storage.Snapshots.GetBlobClient(RunBlobs.Snapshot(old)).ExistsAsync());
        Assert.True(await storage.Snapshots.GetBlobClient(RunBlobs.Snapshot(recent)).ExistsAsync());
    }

    [Fact]
    public async Task Only_the_newest_KeepVersions_complete_versions_are_kept()
    {
        var storage = await azurite.CreateStorageAsync();
        string[] versions = ["20260101-000000-000001", "20260102-000000-000002", "20260103-000000-000003", "20260104-000000-000004"];
        foreach (var version in versions)
        {
            await WriteVersionAsync(storage, version);
        }

        await WriteBlobAsync(storage, versions[0] + "/profiles.bin", 10, storage.Models);

        var summary = await Pruner(storage, keepVersions: 2).PruneAsync();

        Assert.Equal(2, summary.Versions);
        Assert.Equal(1, summary.ProfileArtifacts);
        Assert.Equal([versions[3], versions[2]], (await new ModelStore(storage).ListVersionsAsync()).Select(m => m.Version));
    }

    [Fact]
    public async Task The_serving_version_its_run_and_a_pinned_version_are_kept_however_old()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var pointer = new ModelPointer(storage);
        var servingRun = RunId(_time.GetUtcNow().AddDays(-30));
        string[] versions = ["20260101-000000-000001", "20260102-000000-000002", "20260103-000000-000003", "20260104-000000-000004"];
        await store.WriteVersionAsync(versions[0], SampleArtifacts.Small(),
            SampleDocuments.Manifest(versions[0]) with { Data = new DataSnapshotInfo(RunBlobs.Snapshot(servingRun), 4, 6, 10) },
            SampleDocuments.Report(versions[0]));
        foreach (var version in versions[1..])
        {
            await WriteVersionAsync(storage, version);
        }

        await WriteBlobAsync(storage, RunBlobs.Snapshot(servingRun), 100);
        await new ModelPromoter(store, pointer, _time).PromoteAsync(versions[1], "rollback by hand");
        var seen = await pointer.ReadAsync();
        await pointer.TrySwapAsync(new CurrentModel(versions[0], _time.GetUtcNow(), "pipeline"), seen!.ETag);
        _time.Advance(TimeSpan.FromDays(60));

        var summary = await Pruner(storage, keepVersions: 1).PruneAsync();

        Assert.Equal(1, summary.Versions);
        Assert.Equal(0, summary.Runs);
        Assert.Equal([versions[3], versions[1], versions[0]], (await store.ListVersionsAsync()).Select(m => m.Version));
        Assert.NotNull(await store.ReadPinAsync(versions[1]));
        Assert.True(await storage.Snapshots.GetBlobClient(RunBlobs.Snapshot(servingRun)).ExistsAsync());
    }

    [Fact]
    public async Task A_version_folder_without_a_manifest_is_kept_while_young_and_deleted_once_older_than_an_hour()
    {
        var storage = await azurite.CreateStorageAsync();
        const string crashed = "20260105-000000-00000f";
        await WriteBlobAsync(storage, crashed + "/" + ModelStore.ArtifactFile, 64, storage.Models);
        await WriteBlobAsync(storage, crashed + "/profiles.bin", 16, storage.Models);
        var pruner = Pruner(storage);

        _time.Advance(TimeSpan.FromMinutes(30));
        var young = await pruner.PruneAsync();
        var keptWhileYoung = await storage.Models.GetBlobClient(crashed + "/" + ModelStore.ArtifactFile).ExistsAsync();
        _time.Advance(TimeSpan.FromMinutes(45));
        var old = await pruner.PruneAsync();

        Assert.Equal(0, young.IncompleteVersions);
        Assert.True(keptWhileYoung);
        Assert.Equal(1, old.IncompleteVersions);
        Assert.Equal(1, old.ProfileArtifacts);
        Assert.Equal(80, old.Bytes);
        Assert.False(await storage.Models.GetBlobClient(crashed + "/" + ModelStore.ArtifactFile).ExistsAsync());
    }

    [Fact]
    public async Task A_second_prune_finds_nothing_more_to_delete()
    {
        var storage = await azurite.CreateStorageAsync();
        foreach (var version in new[] { "20260101-000000-000001", "20260102-000000-000002", "20260103-000000-000003" })
        {
            await WriteVersionAsync(storage, version);
        }

        await WriteBlobAsync(storage, RunBlobs.Snapshot(RunId(_time.GetUtcNow().AddDays(-20))), 10);
        _time.Advance(TimeSpan.FromDays(8));
        var pruner = Pruner(storage, keepVersions: 1);

        var first = await pruner.PruneAsync();
        var second = await pruner.PruneAsync();

        Assert.Equal(2, first.Versions);
        Assert.Equal(1, first.Runs);
        Assert.Equal(new PruneSummary(0, 0, 0, 0, 0, 0, []), second with { DeletedFolders = [] });
        Assert.Empty(second.DeletedFolders);
        Assert.Single(await new ModelStore(storage).ListVersionsAsync());
    }

    private Pruner Pruner(TailorStorage storage, int keepVersions = 10) => new(
        storage, new ModelStore(storage), new ModelPointer(storage),
        Options.Create(new RetentionOptions { KeepVersions = keepVersions }), _time, NullLogger<Pruner>.Instance);

    private static string RunId(DateTimeOffset started) => TrainingPipeline.RunIdFor(started.UtcDateTime, Guid.NewGuid());

    private static Task WriteVersionAsync(TailorStorage storage, string version) =>
        new ModelStore(storage).WriteVersionAsync(version, SampleArtifacts.Small(), SampleDocuments.Manifest(version), SampleDocuments.Report(version));

    private static async Task WriteBlobAsync(TailorStorage storage, string name, int bytes, Azure.Storage.Blobs.BlobContainerClient? container = null) =>
        await (container ?? storage.Snapshots).GetBlobClient(name).UploadAsync(BinaryData.FromBytes(new byte[bytes]), overwrite: true);
}
