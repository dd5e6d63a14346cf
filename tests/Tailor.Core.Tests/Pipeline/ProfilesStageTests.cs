using Microsoft.Extensions.Logging.Abstractions;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Profiles;

namespace Tailor.Tests.Pipeline;

[Collection(AzuriteCollection.Name)]
public sealed class ProfilesStageTests(AzuriteFixture azurite)
{
    private const string RunId = "20260301-120000-0a1b2c";

    [Fact]
    public async Task The_stage_stores_one_artifact_and_a_retry_returns_it_without_writing_again()
    {
        var (storage, stage, input) = await CreateAsync(users: 400);

        var first = await stage.RunAsync(input);
        var artifact = storage.Snapshots.GetBlobClient(first.ProfilesBlob);
        var written = (await artifact.GetPropertiesAsync()).Value.ETag;
        var second = await stage.RunAsync(input);

        Assert.Equal(RunBlobs.Profiles(RunId), first.ProfilesBlob);
        Assert.Equal(400, first.Users);
        Assert.Equal((await artifact.GetPropertiesAsync()).Value.ContentLength, first.Bytes);
        Assert.Equal(first, second);
        Assert.Equal(written, (await artifact.GetPropertiesAsync()).Value.ETag);
        var stored = await new ProfileStore(storage).ReadAsync(first.ProfilesBlob);
        Assert.Equal(400, stored.Count);
    }

    [Fact]
    public async Task An_artifact_left_without_its_record_by_a_crashed_attempt_is_rebuilt()
    {
        var (storage, stage, input) = await CreateAsync(users: 120);
        var crashed = ProfileBuilder.Build(SampleSnapshots.Random(users: 3, items: 5, seed: 1));
        await new ProfileStore(storage).WriteAsync(RunBlobs.Profiles(RunId), crashed);

        var result = await stage.RunAsync(input);

        Assert.Equal(120, result.Users);
        Assert.Equal(120, (await new ProfileStore(storage).ReadAsync(result.ProfilesBlob)).Count);
        Assert.True(await storage.Snapshots.GetBlobClient(RunBlobs.ProfilesRecord(RunId)).ExistsAsync());
    }

    private async Task<(TailorStorage Storage, ProfilesStage Stage, SnapshotResult Input)> CreateAsync(int users)
    {
        var storage = await azurite.CreateStorageAsync();
        var runs = new RunStore(storage);
        var snapshot = SampleSnapshots.Random(users, items: 60, seed: 9);
        await runs.WriteSnapshotAsync(RunBlobs.Snapshot(RunId), snapshot, CancellationToken.None);
        var input = new SnapshotResult(RunId, RunBlobs.Snapshot(RunId), 1, users, snapshot.ItemIds.Length,
            snapshot.Train.NonZeroCount, snapshot.Holdout.NonZeroCount);
        return (storage, new ProfilesStage(
            runs, new ProfileStore(storage), storage, NullLogger<ProfilesStage>.Instance), input);
    }
}
