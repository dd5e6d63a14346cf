using System.Text;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Pipeline;
using Tailor.Pipeline.Tasks;
using Tailor.Testing;

namespace Tailor.Tests.Pipeline;

/// <summary>Runs asked for by uploads are debounced, and no processed batch waits for another upload.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrainingSchedulingTests(AzuriteFixture azurite)
{
    private static readonly GeneratorOptions s_shop = new(Users: 300, Items: 150, Events: 15_000, Seed: 21);

    [Fact]
    public async Task A_burst_of_a_hundred_uploads_causes_at_most_two_training_runs()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, new Dictionary<string, string?>
        {
            ["Tailor:Pipeline:QuietSeconds"] = "3",
            ["Tailor:Pipeline:MaxDelaySeconds"] = "120",
        });
        var parts = await UploadInPartsAsync(harness, "burst", 100);
        var ingest = harness.Create<IngestEventsFunctions>();

        // The first request starts the run (the in-process test host, unlike the Functions host, does not refuse a
        // second concurrent start of a running instance id); the other 99 arrive while it waits for quiet.
        Assert.Equal(BatchStatus.Processed, (await ingest.IngestAsync(parts[0], harness.Client, CancellationToken.None)).Status);
        await Parallel.ForEachAsync(parts.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (name, ct) =>
            Assert.Equal(BatchStatus.Processed, (await ingest.IngestAsync(name, harness.Client, ct)).Status));
        var outcome = await harness.WaitForTrainingAsync();

        Assert.Equal(100, outcome.Snapshot.Batches);
        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        Assert.InRange((await RunIdsAsync(harness)).Count, 1, 2);
    }

    [Fact]
    public async Task A_batch_recorded_after_the_final_count_is_trained_by_a_follow_up_run_without_another_upload()
    {
        PipelineHarness? harness = null;
        var handed = new TaskCompletionSource<HandedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrapped = new PipelineActivity<SnapshotResult, RunClosing>(PipelineTaskList.Names.CloseRun, async (services, snapshot, ct) =>
        {
            var closing = await PipelineTaskList.CloseRun.RunAsync(services, snapshot, ct);
            if (!handed.Task.IsCompleted)
            {
                // The final count is done and the instance still runs: a batch lands and asks for training now.
                Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<EventBatchIngestor>().IngestAsync("late.csv", ct)).Status);
                handed.SetResult(await services.GetRequiredService<TrainingScheduler>().BeginRequestAsync(harness!.Client, "late batch", ct));
            }

            return closing;
        });
        harness = await PipelineHarness.CreateAsync(azurite, register: (registry, services) =>
        {
            registry.AddOrchestrator(PipelineTaskList.Training.Name, PipelineTaskList.Training.CreateOrchestrator());
            foreach (var activity in PipelineTaskList.Activities.Where(a => a.Name != PipelineTaskList.Names.CloseRun))
            {
                registry.AddActivity(activity.Name, activity.CreateActivity(services));
            }

            registry.AddActivity(wrapped.Name, wrapped.CreateActivity(services));
        });
        await using (harness)
        {
            await harness.UploadGeneratedAsync("early.csv", s_shop);
            await harness.UploadGeneratedAsync("late.csv", s_shop with { Seed = 22, Events = 3_000 });
            await harness.Create<IngestEventsFunctions>().IngestAsync("early.csv", harness.Client, CancellationToken.None);

            var request = await handed.Task.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(HandedRequest.Outcome.AfterRunningRun, request.Where);
            var (_, started) = await request.CompleteAsync();
            var outcome = await harness.WaitForTrainingAsync();

            Assert.True(started);
            Assert.Equal(2, outcome.Snapshot.Batches);
            Assert.Equal(2, (await RunIdsAsync(harness)).Count);
        }
    }

    /// <summary>One generated shop's events split into <paramref name="count"/> CSV files, uploaded.</summary>
    private static async Task<List<string>> UploadInPartsAsync(PipelineHarness harness, string folder, int count)
    {
        using var all = new MemoryStream();
        await new SyntheticEventGenerator(s_shop).WriteEventsAsync(all);
        var lines = Encoding.UTF8.GetString(all.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0];
        var names = new List<string>();
        for (var p = 0; p < count; p++)
        {
            var part = new StringBuilder(header).Append('\n');
            for (var i = 1 + p; i < lines.Length; i += count)
            {
                part.Append(lines[i]).Append('\n');
            }

            var name = $"{folder}/part-{p:000}.csv";
            await harness.UploadAsync(name, Encoding.UTF8.GetBytes(part.ToString()));
            names.Add(name);
        }

        return names;
    }

    private static async Task<HashSet<string>> RunIdsAsync(PipelineHarness harness)
    {
        var runs = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in harness.Storage.Snapshots.GetBlobsAsync(BlobTraits.None, BlobStates.None, "runs/", CancellationToken.None))
        {
            if (blob.Name.EndsWith("/snapshot.bin", StringComparison.Ordinal))
            {
                runs.Add(blob.Name.Split('/')[1]);
            }
        }

        return runs;
    }
}
