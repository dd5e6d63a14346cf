using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Testing;
using Tailor.Tests.Profiles;
using Tailor.Training.Ials;

namespace Tailor.Tests.Pipeline;

[Collection(AzuriteCollection.Name)]
public sealed class SegmentStageTests(AzuriteFixture azurite)
{
    private const string RunId = "20260301-120000-5e6f7a";

    [Fact]
    public async Task The_stage_stores_segments_with_the_profiles_using_the_candidates_user_factors_and_a_retry_reuses_them()
    {
        var storage = await azurite.CreateStorageAsync();
        var runs = new RunStore(storage);
        var profileStore = new ProfileStore(storage);
        var snapshot = SampleSnapshots.Random(users: 300, items: 60, seed: 9);
        await runs.WriteSnapshotAsync(RunBlobs.Snapshot(RunId), snapshot, CancellationToken.None);
        var profilesBlob = RunBlobs.Profiles(RunId);
        var bytes = await profileStore.WriteAsync(profilesBlob, ProfileBuilder.Build(snapshot));
        var model = new IalsTrainer(new IalsOptions(Factors: 8, Epochs: 3, Threads: 1)).FitFactors(snapshot.Train);
        var popularity = new float[snapshot.ItemIds.Length];
        await runs.WriteArtifactAsync(
            RunBlobs.Candidate(RunId), new ModelArtifact(snapshot.UserIds, snapshot.ItemIds, snapshot.Train, popularity, model), CancellationToken.None);
        var input = new SegmentRequest(
            new SnapshotResult(RunId, RunBlobs.Snapshot(RunId), 1, 300, 60, snapshot.Train.NonZeroCount, snapshot.Holdout.NonZeroCount),
            new ProfilesResult(profilesBlob, 300, bytes, 0.1),
            new TrainResult(RunBlobs.Candidate(RunId), RunBlobs.Final(RunId), IalsRecommender.Name, new Dictionary<string, string>(), RunBlobs.Trials(RunId), 1, 0, 0, 0));
        var stage = new SegmentStage(runs, profileStore, new SegmentStore(storage),
            new StageRecords(runs, TimeProvider.System, NullLogger<StageRecords>.Instance),
            Options.Create(new SegmentOptions()), NullLogger<SegmentStage>.Instance);

        var first = await stage.RunAsync(input);
        var second = await stage.RunAsync(input);

        var segments = await new SegmentStore(storage).ReadAsync(RunBlobs.Segments(RunId));
        var stored = await profileStore.ReadAsync(profilesBlob);
        Assert.NotNull(segments);
        Assert.Equal(first, second);
        Assert.Equal(RunBlobs.Segments(RunId), first.SegmentsBlob);
        Assert.Equal(segments.K, first.Segments);
        Assert.InRange(segments.K, 2, 12);
        Assert.Contains(segments.Features, f => f.StartsWith("factor direction", StringComparison.Ordinal));
        Assert.Equal(300, segments.Segments.Sum(s => s.Users));
        Assert.All(stored.Segments!, s => Assert.InRange(s, 0, segments.K - 1));
    }
}
