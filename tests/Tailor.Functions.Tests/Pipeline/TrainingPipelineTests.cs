using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Feedback;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Functions.Profiles;
using Tailor.Functions.Segments;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Http;

namespace Tailor.Tests.Pipeline;

[Collection(AzuriteCollection.Name)]
public sealed class TrainingPipelineTests(AzuriteFixture azurite)
{
    private static readonly GeneratorOptions s_shop = new(Users: 300, Items: 150, Events: 15_000, Seed: 7);

    [Fact]
    public async Task Uploaded_events_are_ingested_trained_promoted_and_served()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("shop/day1.csv", s_shop);

        var ingested = await harness.Create<IngestEventsFunctions>().IngestAsync("shop/day1.csv", harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Processed, ingested.Status);
        Assert.Equal(15_000, ingested.Accepted + ingested.DuplicateRows);

        var outcome = await harness.WaitForTrainingAsync();

        var activeUsers = new SyntheticEventGenerator(s_shop).GenerateInteractions().Select(e => e.UserId).Distinct().Count();
        Assert.Equal(1, outcome.Snapshot.Batches);
        Assert.Equal(activeUsers, outcome.Snapshot.Users);
        Assert.True(outcome.Promotion.Promoted, outcome.Promotion.Decision);
        Assert.NotNull(outcome.Evaluation);
        Assert.Null(outcome.Evaluation.Current);
        Assert.True(outcome.Evaluation.Candidate.Ndcg > outcome.Evaluation.Popularity.Ndcg,
            $"candidate {outcome.Evaluation.Candidate.Ndcg} vs popularity {outcome.Evaluation.Popularity.Ndcg}");

        var version = outcome.Promotion.Version!;
        var pointer = await harness.Services.GetRequiredService<ModelPointer>().ReadAsync();
        Assert.Equal(version, pointer?.Current.Version);
        var store = harness.Services.GetRequiredService<ModelStore>();
        var manifest = await store.ReadManifestAsync(version);
        Assert.NotNull(manifest);
        Assert.Equal(outcome.Candidate!.Algorithm, manifest.Algorithm);
        Assert.Equal(outcome.Candidate.Trials, manifest.Trials.Count);
        Assert.Equal(outcome.Snapshot.TrainInteractions + outcome.Snapshot.HoldoutInteractions, manifest.Data.Interactions);
        var report = await store.ReadReportAsync(version);
        Assert.True(report?.Decision.Promote);

        Assert.Equal(activeUsers, outcome.Profiles!.Users);
        var profile = await ServingHarness.RunAsync(await harness.Create<ProfileFunctions>()
            .Get(ServingHarness.Get("/api/users/u3/profile"), "u3"), "GetUserProfile");
        Assert.Equal(200, profile.Status);
        Assert.Equal("u3", profile.Json.GetProperty("userId").GetString());
        var u3Events = new SyntheticEventGenerator(s_shop).GenerateInteractions().Count(e => e.UserId == "u3");
        Assert.Equal(u3Events, profile.Json.GetProperty("interactions").GetInt32());
        Assert.InRange(profile.Json.GetProperty("topItems").GetArrayLength(), 1, 10);
        Assert.Equal(u3Events, profile.Json.GetProperty("hourOfDay").EnumerateArray().Sum(h => h.GetInt32()));
        Assert.Equal(u3Events, profile.Json.GetProperty("eventTypes").EnumerateObject().Sum(t => t.Value.GetInt32()));

        // Segments: listed, one fetched with its popular items, and the user's own in the profile.
        Assert.True(outcome.Profiles.Segments >= 2, $"{outcome.Profiles.Segments} segments");
        var segments = await ServingHarness.RunAsync(await harness.Create<SegmentFunctions>().List(ServingHarness.Get("/api/segments")), "ListSegments");
        Assert.Equal(200, segments.Status);
        Assert.Equal(outcome.Profiles.Segments, segments.Json.GetProperty("k").GetInt32());
        Assert.Equal(activeUsers, segments.Json.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("users").GetInt32()));
        var own = profile.Json.GetProperty("segment").GetProperty("segmentId").GetString()!;
        var segment = await ServingHarness.RunAsync(await harness.Create<SegmentFunctions>()
            .Get(ServingHarness.Get($"/api/segments/{own}", "?count=3"), own), "GetSegment");
        Assert.Equal(200, segment.Status);
        Assert.Equal(3, segment.Json.GetProperty("segment").GetProperty("popularItems").GetArrayLength());
        (await ServingHarness.RunAsync(await harness.Create<SegmentFunctions>().Get(ServingHarness.Get("/api/segments/s99"), "s99"), "GetSegment"))
            .AssertProblem(404, "not-found", "segmentId");
        (await ServingHarness.RunAsync(await harness.Create<ProfileFunctions>().Get(ServingHarness.Get("/api/users/nobody/profile"), "nobody"), "GetUserProfile"))
            .AssertProblem(404, "not-found", "userId");

        // Served over HTTP by the function class itself.
        var response = await ServingHarness.RunAsync(await harness.Create<RecommendationFunctions>()
            .GetForUser(ServingHarness.Get("/api/recommendations/u3", "?count=5"), "u3"), "GetRecommendations");
        Assert.Equal(200, response.Status);
        Assert.Equal(version, response.Json.GetProperty("modelVersion").GetString());
        Assert.Equal(RecommendationStrategy.Personalized, response.Json.GetProperty("strategy").GetString());
        Assert.Equal(5, response.Json.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_later_run_is_judged_against_the_serving_model_and_promoted_only_when_better()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("day1.csv", s_shop);
        await harness.Create<IngestEventsFunctions>().IngestAsync("day1.csv", harness.Client, CancellationToken.None);
        var first = await harness.WaitForTrainingAsync();
        Assert.True(first.Promotion.Promoted);

        await harness.UploadGeneratedAsync("day2.csv", s_shop with { Seed = 8, Events = 5_000 });
        var second = await harness.Create<IngestEventsFunctions>().IngestAsync("day2.csv", harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Processed, second.Status);
        var outcome = await harness.WaitForTrainingAsync();

        Assert.Equal(2, outcome.Snapshot.Batches);
        var evaluation = outcome.Evaluation!;
        Assert.Equal(first.Promotion.Version, evaluation.CurrentVersion);
        Assert.NotNull(evaluation.Current);
        Assert.NotNull(evaluation.CandidateOnNew);
        Assert.InRange(evaluation.NewInteractions, 1, outcome.Snapshot.HoldoutInteractions - 1);
        Assert.Equal(evaluation.CandidateOnNew.Ndcg > evaluation.Current.Ndcg, outcome.Promotion.Promoted);
        var serving = await harness.Services.GetRequiredService<ModelPointer>().ReadAsync();
        Assert.Equal(outcome.Promotion.Promoted ? outcome.Promotion.Version : first.Promotion.Version, serving?.Current.Version);
    }

    [Fact]
    public async Task Rejected_and_duplicate_uploads_do_not_start_training()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var ingest = harness.Create<IngestEventsFunctions>();

        await harness.UploadAsync("broken.csv.gz", Encoding.UTF8.GetBytes("user,item\nu1,i1\n"));
        var rejected = await ingest.IngestAsync("broken.csv.gz", harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Rejected, rejected.Status);
        Assert.NotNull(rejected.Reason);
        Assert.Null(await harness.Client.GetInstanceAsync(TrainingPipeline.InstanceId));

        await harness.UploadGeneratedAsync("a.csv", s_shop with { Events = 3_000 });
        await ingest.IngestAsync("a.csv", harness.Client, CancellationToken.None);
        await harness.WaitForTrainingAsync();
        var firstRun = await harness.Client.GetInstanceAsync(TrainingPipeline.InstanceId);

        await harness.UploadGeneratedAsync("copy-of-a.csv", s_shop with { Events = 3_000 });
        var duplicate = await ingest.IngestAsync("copy-of-a.csv", harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Duplicate, duplicate.Status);
        var afterDuplicate = await harness.Client.GetInstanceAsync(TrainingPipeline.InstanceId);
        Assert.Equal(firstRun!.CreatedAt, afterDuplicate!.CreatedAt);
    }

    [Fact]
    public async Task Bad_rows_are_quarantined_with_their_reason_while_the_rest_of_the_file_trains()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var csv = "user_id,item_id,event_type,timestamp\n" +
            "u1,i1,view,2024-06-01T10:00:00Z\n" +
            "u1,i2,purchase,2024-06-01T10:01:00Z\n" +
            "u2,i1,view,2024-06-01T10:02:00Z\n" +
            "u2,,view,2024-06-01T10:03:00Z\n" +
            "u2,i2,teleport,2024-06-01T10:04:00Z\n" +
            "u2,i3,click,2024-06-01T10:05:00Z\n";
        await harness.UploadAsync("mixed.csv", Encoding.UTF8.GetBytes(csv));

        var outcome = await harness.Create<IngestEventsFunctions>().IngestAsync("mixed.csv", harness.Client, CancellationToken.None);

        Assert.Equal(BatchStatus.Processed, outcome.Status);
        Assert.Equal(4, outcome.Accepted);
        Assert.Equal(2, outcome.Quarantined);
        var quarantine = (await harness.Storage.Quarantine.GetBlobClient(outcome.BatchId + ".jsonl").DownloadContentAsync()).Value.Content.ToString();
        var lines = quarantine.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("item_id", lines[0], StringComparison.Ordinal);
        Assert.Contains("teleport", lines[1], StringComparison.Ordinal);
        var run = await harness.WaitForTrainingAsync();
        Assert.Equal(2, run.Snapshot.Users);
    }

    [Fact]
    public async Task Training_without_processed_events_finishes_without_a_model()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var (instanceId, started) = await harness.Services.GetRequiredService<TrainingScheduler>()
            .RequestAsync(harness.Client, "empty storage");
        var outcome = await harness.WaitForTrainingAsync();

        Assert.True(started);
        Assert.Equal(TrainingPipeline.InstanceId, instanceId);
        Assert.False(outcome.Promotion.Promoted);
        Assert.Contains("Not enough", outcome.Promotion.Decision, StringComparison.Ordinal);
        Assert.Null(await harness.Services.GetRequiredService<ModelPointer>().ReadAsync());
    }

    [Fact]
    public async Task A_request_while_training_runs_joins_the_running_instance()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("a.csv", s_shop);
        var scheduler = harness.Services.GetRequiredService<TrainingScheduler>();

        var first = await scheduler.RequestAsync(harness.Client, "first");
        var second = await scheduler.RequestAsync(harness.Client, "second");

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(first.InstanceId, second.InstanceId);
        await harness.WaitForTrainingAsync();
    }

    [Fact]
    public async Task A_batch_that_lands_during_a_run_is_trained_by_the_run_continuing_as_new()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var ingest = harness.Create<IngestEventsFunctions>();
        await harness.UploadGeneratedAsync("a.csv", s_shop);
        await ingest.IngestAsync("a.csv", harness.Client, CancellationToken.None);

        // Once the first run has taken its snapshot, a second batch arrives; the function joins the running run.
        var firstSnapshot = await Eventually.PollAsync(async () =>
        {
            await foreach (var blob in harness.Storage.Snapshots.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "runs/", CancellationToken.None))
            {
                if (blob.Name.EndsWith("/snapshot.bin", StringComparison.Ordinal))
                {
                    return blob.Name;
                }
            }

            return null;
        }, TimeSpan.FromMinutes(1), "the first run's snapshot");
        await harness.UploadGeneratedAsync("b.csv", s_shop with { Seed = 99, Events = 2_000 });
        var joined = await ingest.IngestAsync("b.csv", harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Processed, joined.Status);

        var outcome = await harness.WaitForTrainingAsync();

        Assert.Equal(2, outcome.Snapshot.Batches);
        Assert.DoesNotContain(outcome.RunId, firstSnapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promotion_never_overwrites_a_concurrent_promotion()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("a.csv", s_shop with { Events = 5_000 });
        await harness.Create<IngestEventsFunctions>().IngestAsync("a.csv", harness.Client, CancellationToken.None);
        var run = await harness.WaitForTrainingAsync();
        var pointer = harness.Services.GetRequiredService<ModelPointer>();
        var seen = await pointer.ReadAsync();

        // An administrator promotes (the same version again) after our evaluation read the pointer.
        var manual = await harness.Services.GetRequiredService<ModelPromoter>().PromoteAsync(run.Promotion.Version!, "manual");
        Assert.Equal(PromotionStatus.Promoted, manual.Status);

        var stale = run.Evaluation! with
        {
            Current = run.Evaluation.Candidate with { Ndcg = 0 },
            CandidateOnNew = run.Evaluation.Candidate,
            NewInteractions = 100,
            CurrentVersion = run.Promotion.Version,
            CurrentETag = seen!.ETag.ToString(),
        };
        var later = run.Snapshot with { RunId = "20991231-235959-abcdef" };
        var result = await harness.Services.GetRequiredService<PromoteStage>()
            .RunAsync(new PromoteRequest(later, run.Candidate!, stale, "test"));

        Assert.False(result.Promoted);
        Assert.Contains("concurrent promotion", result.Decision, StringComparison.Ordinal);
        Assert.Equal(run.Promotion.Version, (await pointer.ReadAsync())?.Current.Version);
        Assert.NotNull(await harness.Services.GetRequiredService<ModelStore>().ReadManifestAsync(later.RunId));
    }

    [Fact]
    public async Task The_next_promotions_report_carries_the_serving_models_online_figures()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("a.csv", s_shop with { Events = 5_000 });
        await harness.Create<IngestEventsFunctions>().IngestAsync("a.csv", harness.Client, CancellationToken.None);
        var run = await harness.WaitForTrainingAsync();
        var serving = run.Promotion.Version!;
        var recommendations = harness.Services.GetRequiredService<RecommendationService>();
        await recommendations.GetForUserAsync("someone-new", 5);
        await recommendations.GetForUserAsync("someone-else", 5);
        await harness.Services.GetRequiredService<ImpressionFlusher>().FlushAsync();
        var pointer = harness.Services.GetRequiredService<ModelPointer>();
        var better = run.Evaluation! with
        {
            Current = run.Evaluation.Candidate with { Ndcg = 0 },
            CandidateOnNew = run.Evaluation.Candidate,
            NewInteractions = 100,
            CurrentVersion = serving,
            CurrentETag = (await pointer.ReadAsync())!.ETag.ToString(),
        };
        var later = run.Snapshot with { RunId = "20991231-235959-fedcba" };

        var result = await harness.Services.GetRequiredService<PromoteStage>().RunAsync(new PromoteRequest(later, run.Candidate!, better, "test"));

        Assert.True(result.Promoted);
        var report = await harness.Services.GetRequiredService<ModelStore>().ReadReportAsync(later.RunId);
        var online = Assert.Single(report!.CurrentOnline!);
        Assert.Equal((serving, Variants.Champion, 2L), (online.ModelVersion, online.Variant, online.Impressions));
    }

    [Fact]
    public async Task With_online_promotion_a_better_candidate_becomes_the_challenger_not_the_champion()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, new Dictionary<string, string?> { ["Tailor:Pipeline:PromoteOnline"] = "true" });
        await harness.UploadGeneratedAsync("a.csv", s_shop with { Events = 5_000 });
        await harness.Create<IngestEventsFunctions>().IngestAsync("a.csv", harness.Client, CancellationToken.None);
        var run = await harness.WaitForTrainingAsync();
        Assert.True(run.Promotion.Promoted, "with nothing serving, the first model is the champion at once");
        var champion = run.Promotion.Version!;
        var pointer = harness.Services.GetRequiredService<ModelPointer>();
        var better = run.Evaluation! with
        {
            Current = run.Evaluation.Candidate with { Ndcg = 0 },
            CandidateOnNew = run.Evaluation.Candidate,
            NewInteractions = 100,
            CurrentVersion = champion,
            CurrentETag = (await pointer.ReadAsync())!.ETag.ToString(),
        };
        var later = run.Snapshot with { RunId = "20991231-235959-0a11ce" };

        var result = await harness.Services.GetRequiredService<PromoteStage>().RunAsync(new PromoteRequest(later, run.Candidate!, better, "test"));

        Assert.False(result.Promoted);
        Assert.Equal(later.RunId, result.Challenger);
        Assert.Contains("challenger", result.Decision, StringComparison.Ordinal);
        Assert.Equal(champion, (await pointer.ReadAsync())!.Current.Version);
        var stored = (await harness.Services.GetRequiredService<ChallengerPointer>().ReadAsync())!.Value.State;
        Assert.Equal((later.RunId, champion), (stored.Version, stored.Champion));
        Assert.NotNull(await harness.Services.GetRequiredService<ModelStore>().ReadManifestAsync(later.RunId));

        var share = new ChallengerOptions().Share;
        var user = Enumerable.Range(0, 1_000).Select(i => $"visitor-{i}").First(u => VariantAssignment.IsChallenger(u, share));
        var answer = (await harness.Services.GetRequiredService<RecommendationService>().GetForUserAsync(user, 5)).Value!;
        Assert.Equal((later.RunId, Variants.Challenger), (answer.ModelVersion, answer.Variant));
        var verdict = await harness.Services.GetRequiredService<OnlinePromotion>().DecideAsync();
        Assert.Equal((OnlineOutcomes.Undecided, later.RunId), (verdict.Outcome, verdict.Challenger));
    }
}
