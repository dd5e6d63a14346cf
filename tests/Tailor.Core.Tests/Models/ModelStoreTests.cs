using Tailor.Models;
using Tailor.Testing;

namespace Tailor.Tests.Models;

[Collection(AzuriteCollection.Name)]
public sealed class ModelStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Store_writes_artifact_manifest_and_report_under_the_version_folder()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var artifact = SampleArtifacts.Random(11, 300, 120, 5);

        await store.WriteVersionAsync("20261129-041500-ab12cd", artifact, SampleDocuments.Manifest("20261129-041500-ab12cd"), SampleDocuments.Report("20261129-041500-ab12cd"));

        var names = new List<string>();
        await foreach (var blob in storage.Models.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Equal(["20261129-041500-ab12cd/manifest.json", "20261129-041500-ab12cd/model.bin", "20261129-041500-ab12cd/report.json"], names.Order());
        var loaded = await store.LoadArtifactAsync("20261129-041500-ab12cd");
        Assert.Equal(artifact.UserIds, loaded.UserIds);
        Assert.Equal(artifact.History.Columns, loaded.History.Columns);
        Assert.Equal(artifact.Popularity, loaded.Popularity);
        Assert.Equal(0.41, (await store.ReadReportAsync("20261129-041500-ab12cd"))!.Candidate.Ndcg);
        Assert.Equal("popularity", (await store.ReadManifestAsync("20261129-041500-ab12cd"))!.Algorithm);
    }

    [Fact]
    public async Task A_multi_block_artifact_round_trips_through_blob_storage()
    {
        // ~15 MB: several 4 MB upload blocks and read-ahead chunks; a 200 KB payload crosses the reader's buffer.
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var artifact = SampleArtifacts.Random(21, 120_000, 50_000, 8);
        await store.WriteVersionAsync("v1", artifact, SampleDocuments.Manifest("v1"), SampleDocuments.Report("v1"));

        var properties = await storage.Models.GetBlobClient("v1/model.bin").GetPropertiesAsync();
        var loaded = await store.LoadArtifactAsync("v1");

        Assert.True(properties.Value.ContentLength > 8 << 20, $"artifact is only {properties.Value.ContentLength} bytes");
        Assert.Equal(artifact.UserIds, loaded.UserIds);
        Assert.Equal(artifact.ItemIds, loaded.ItemIds);
        Assert.Equal(artifact.History.RowOffsets, loaded.History.RowOffsets);
        Assert.Equal(artifact.History.Columns, loaded.History.Columns);
        Assert.Equal(artifact.History.Values, loaded.History.Values);
        Assert.Equal(((Tailor.Training.Popularity.PopularityRecommender)artifact.Model).Popularity.ToArray(), ((Tailor.Training.Popularity.PopularityRecommender)loaded.Model).Popularity.ToArray());
    }

    [Fact]
    public async Task Store_lists_complete_versions_newest_first()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var artifact = SampleArtifacts.Small();
        foreach (var version in new[] { "20261128-100000-aaaaaa", "20261129-090000-bbbbbb", "20261127-235959-cccccc" })
        {
            await store.WriteVersionAsync(version, artifact, SampleDocuments.Manifest(version), SampleDocuments.Report(version));
        }

        // An interrupted write: an artifact without a manifest is not a version.
        await storage.Models.UploadBlobAsync("20261130-000000-dddddd/model.bin", BinaryData.FromBytes(await SampleArtifacts.ToBytesAsync(artifact)));

        var listed = await store.ListVersionsAsync();

        Assert.Equal(["20261129-090000-bbbbbb", "20261128-100000-aaaaaa", "20261127-235959-cccccc"], listed.Select(m => m.Version));
    }

    [Fact]
    public async Task Unknown_version_has_no_manifest_or_report()
    {
        var store = new ModelStore(await azurite.CreateStorageAsync());

        Assert.Null(await store.ReadManifestAsync("20990101-000000-000000"));
        Assert.Null(await store.ReadReportAsync("20990101-000000-000000"));
        Assert.Empty(await store.ListVersionsAsync());
    }

    [Fact]
    public async Task Store_refuses_documents_that_name_another_version()
    {
        var store = new ModelStore(await azurite.CreateStorageAsync());

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.WriteVersionAsync("v2", SampleArtifacts.Small(), SampleDocuments.Manifest("v1"), SampleDocuments.Report("v2")));
    }

    [Fact]
    public async Task A_corrupted_artifact_blob_fails_to_load_with_InvalidDataException()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());
        bytes[bytes.Length / 2] ^= 0x01;
        await storage.Models.UploadBlobAsync("v1/model.bin", BinaryData.FromBytes(bytes));

        await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadArtifactAsync("v1"));
    }

    [Fact]
    public async Task A_failed_artifact_write_leaves_no_blob_and_no_version()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var sample = SampleArtifacts.Small();
        var failing = new ModelArtifact(sample.UserIds, sample.ItemIds, sample.History, sample.Popularity, new FailingRecommender(sample.ItemIds.Length));

        await Assert.ThrowsAsync<IOException>(() => store.WriteVersionAsync("v1", failing, SampleDocuments.Manifest("v1"), SampleDocuments.Report("v1")));

        Assert.False(await storage.Models.GetBlobClient("v1/model.bin").ExistsAsync());
        Assert.Null(await store.ReadManifestAsync("v1"));
        Assert.Empty(await store.ListVersionsAsync());
    }

    /// <summary>Writes part of a payload, then fails, like a model serialiser hitting a full disk.</summary>
    private sealed class FailingRecommender(int itemCount) : Tailor.Training.IRecommender
    {
        public string Algorithm => "failing";

        public int ItemCount => itemCount;

        public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores) => scores.Clear();

        public void Write(BinaryWriter writer)
        {
            writer.Write(new byte[100_000]);
            throw new IOException("disk full");
        }
    }
}
