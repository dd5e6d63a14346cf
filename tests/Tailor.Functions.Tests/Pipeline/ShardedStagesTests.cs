using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Functions.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Testing;

namespace Tailor.Tests.Pipeline;

/// <summary>The snapshot and the evaluation fan out over shards exchanged through blobs; the results do not depend
/// on the width.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShardedStagesTests(AzuriteFixture azurite)
{
    private static readonly GeneratorOptions s_shop = new(Users: 300, Items: 150, Events: 15_000, Seed: 7);

    [Fact]
    public async Task An_evaluation_over_three_user_ranges_reports_exactly_what_one_range_reports_and_a_rerun_shard_is_reused()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, new Dictionary<string, string?>
        {
            ["Tailor:Pipeline:SnapshotShards"] = "2",
            ["Tailor:Pipeline:EvaluationShards"] = "1",
        });
        var ingest = harness.Create<IngestEventsFunctions>();
        await harness.UploadGeneratedAsync("day1.csv", s_shop);
        await ingest.IngestAsync("day1.csv", harness.Client, CancellationToken.None);
        Assert.True((await harness.WaitForTrainingAsync()).Promotion.Promoted);
        var pointer = harness.Services.GetRequiredService<ModelPointer>();
        var first = (await pointer.ReadAsync())!.Current;
        await harness.UploadGeneratedAsync("day2.csv", s_shop with { Seed = 8, Events = 5_000 });
        await ingest.IngestAsync("day2.csv", harness.Client, CancellationToken.None);
        var outcome = await harness.WaitForTrainingAsync();

        // Two batches, two snapshot shards, each recorded; one evaluation range, against the serving model.
        var records = harness.Services.GetRequiredService<StageRecords>();
        var runId = outcome.Snapshot.RunId;
        Assert.Equal(2, outcome.Snapshot.Batches);
        Assert.NotNull(await records.FindAsync<SnapshotShardResult>(runId, StageRecords.Stages.SnapshotShard(0), CancellationToken.None));
        Assert.NotNull(await records.FindAsync<SnapshotShardResult>(runId, StageRecords.Stages.SnapshotShard(1), CancellationToken.None));
        Assert.NotNull(outcome.Evaluation!.Current);

        // Judge the second run's candidate again, in one range and in three, against the first version (serving
        // again if the second run replaced it).
        var serving = (await pointer.ReadAsync())!;
        if (serving.Current.Version != first.Version)
        {
            Assert.Equal(PointerSwapStatus.Swapped, (await pointer.TrySwapAsync(first, serving.ETag)).Status);
        }

        var stage = harness.Services.GetRequiredService<EvaluateStage>();
        var request = new EvaluateRequest(outcome.Snapshot, outcome.Candidate!);
        var single = await stage.RunAsync(new EvaluateMergeRequest(request, [await stage.ShardAsync(new EvaluateShardRequest(request, 0, 1))]));
        var shards = new List<EvaluateShardResult>();
        for (var i = 0; i < 3; i++)
        {
            shards.Add(await stage.ShardAsync(new EvaluateShardRequest(request, i, 3)));
        }

        var sharded = await stage.RunAsync(new EvaluateMergeRequest(request, shards));

        Assert.Equal(first.Version, single.CurrentVersion);
        Assert.True(single.Current!.Users > 0);
        Assert.NotEmpty(single.Segments);
        Assert.Equal(single.Candidate.Users, shards.Sum(s => s.Users));
        Assert.All(shards, s => Assert.True(s.Users > 0));
        Assert.Equal(Comparable(single), Comparable(sharded));

        var blob = harness.Storage.Snapshots.GetBlobClient(shards[1].SumsBlob);
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;
        Assert.Equal(shards[1], await stage.ShardAsync(new EvaluateShardRequest(request, 1, 3)));
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);
    }

    /// <summary>The result as JSON without its wall time and the pointer's ETag (the version is compared).</summary>
    private static string Comparable(EvaluateResult result) =>
        JsonSerializer.Serialize(result with { Seconds = 0, CurrentETag = null }, JsonSerializerOptions.Web);
}
