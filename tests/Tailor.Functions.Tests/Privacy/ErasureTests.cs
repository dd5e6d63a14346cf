using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Functions.Ingestion;
using Tailor.Functions.Privacy;
using Tailor.Functions.Profiles;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Privacy;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Http;
using Tailor.Tests.Pipeline;

namespace Tailor.Tests.Privacy;

[Collection(AzuriteCollection.Name)]
public sealed class ErasureTests(AzuriteFixture azurite)
{
    private const int OwnEvents = 40;

    [Fact]
    public async Task A_forgotten_user_leaves_every_blob_and_model_and_rollback_cannot_bring_them_back()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        const string target = "zq-erase-target-7f3a";
        const string bystander = "zq-keep-bystander-2c9e";
        await harness.UploadGeneratedAsync("a.csv", new GeneratorOptions(200, 100, 8_000, Seed: 11));
        await harness.UploadAsync("b.csv", OwnRows(target, bystander));
        await harness.UploadAsync(ApiBlob, ApiRow(target));
        foreach (var upload in new[] { "a.csv", "b.csv", ApiBlob })
        {
            await harness.Create<IngestEventsFunctions>().IngestAsync(upload, harness.Client, CancellationToken.None);
        }

        await harness.WaitForTrainingAsync();
        var oldVersion = (await harness.Services.GetRequiredService<ModelPointer>().ReadAsync())!.Current.Version;
        var recommendations = harness.Services.GetRequiredService<RecommendationService>();
        var cache = harness.Services.GetRequiredService<ModelCache>();
        await cache.RefreshAsync();
        Assert.Equal(RecommendationStrategy.Personalized, (await recommendations.GetForUserAsync(target, 5)).Value?.Strategy);
        var bystanderBefore = (await recommendations.GetForUserAsync(bystander, 5)).Value?.Strategy;
        var u4Before = (await recommendations.GetForUserAsync("u4", 5)).Value?.Strategy;
        Assert.True(await ContainsBytesAsync(harness.Storage.Quarantine, target), "the target's bad row is quarantined");
        Assert.True(await ContainsBytesAsync(harness.Storage.Models, target), "the first model holds the target");
        Assert.True(await ContainsBytesAsync(harness.Storage.Events, target), "the uploads hold the target (pseudonymization is off)");

        // A fresh event (as POST events writes it) puts the target in the fresh table too.
        var fresh = harness.Services.GetRequiredService<FreshHistoryTable>();
        await fresh.AddAsync([new InteractionEvent(target, "i1", "click", null, 2f, DateTimeOffset.UtcNow)]);
        Assert.Equal(1, (await fresh.GetAsync(target)).Count);

        var privacy = harness.Create<UserDataFunctions>();
        var data = await ServingHarness.RunAsync(await privacy.Data(ServingHarness.Get($"/api/users/{target}/data"), target), "GetUserData");
        Assert.Equal(200, data.Status);
        Assert.Equal(OwnEvents + 1, data.Json.GetProperty("totalEvents").GetInt64());
        Assert.Equal(OwnEvents + 1, data.Json.GetProperty("events").GetArrayLength());
        Assert.Equal(2, data.Json.GetProperty("batchesRead").GetInt32()); // of three: a.csv's index says it holds no row of the target
        Assert.Equal("i1", Assert.Single(data.Json.GetProperty("freshEvents").EnumerateArray()).GetProperty("itemId").GetString());

        var delete = ServingHarness.Get($"/api/users/{target}");
        delete.Method = "DELETE";
        Assert.Equal(202, (await ServingHarness.RunAsync(await harness.Create<ProfileFunctions>().Forget(delete, target, harness.Client), "ForgetUser")).Status);
        var pending = await ServingHarness.RunAsync(await privacy.Erasure(ServingHarness.Get($"/api/users/{target}/erasure"), target), "GetUserErasure");
        Assert.Equal(ErasureStates.Pending, pending.Json.GetProperty("state").GetString());

        var passes = await EraseUntilDoneAsync(harness);

        var done = await ServingHarness.RunAsync(await privacy.Erasure(ServingHarness.Get($"/api/users/{target}/erasure"), target), "GetUserErasure");
        Assert.Equal(ErasureStates.Done, done.Json.GetProperty("state").GetString());
        var removed = done.Json.GetProperty("removed");
        Assert.Equal(OwnEvents + 1, removed.GetProperty(ProcessedBatchesPlace.PlaceName).GetInt64());
        Assert.Equal(OwnEvents + 2, removed.GetProperty(UploadsPlace.PlaceName).GetInt64()); // b.csv's rows (one bad) and the api row
        Assert.Equal(1, removed.GetProperty(QuarantinePlace.PlaceName).GetInt64());
        Assert.Equal(1, removed.GetProperty(FreshHistoryPlace.PlaceName).GetInt64());
        await foreach (var row in harness.Storage.Fresh.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(target, row.PartitionKey, StringComparison.Ordinal);
        }
        Assert.True(removed.GetProperty(ModelVersionsPlace.PlaceName).GetInt64() >= 1);
        Assert.True(removed.GetProperty(RunFilesPlace.PlaceName).GetInt64() >= 1);
        Assert.Contains(passes, p => p.NeedsModel);

        foreach (var container in new[] { harness.Storage.Models, harness.Storage.Snapshots, harness.Storage.Quarantine, harness.Storage.Events })
        {
            Assert.False(await ContainsBytesAsync(container, target), $"a blob in {container.Name} still holds the target's id");
        }

        Assert.True(await ContainsBytesAsync(harness.Storage.Quarantine, bystander), "other users' quarantined rows stay");
        Assert.True(await harness.Storage.Events.GetBlobClient("a.csv").ExistsAsync(), "an upload without the target stays");
        Assert.False(await harness.Storage.Events.GetBlobClient("b.csv").ExistsAsync(), "an upload with the target is deleted");
        await harness.UploadAsync("b-again.csv", OwnRows(target, bystander));
        var again = await harness.Create<IngestEventsFunctions>().IngestAsync("b-again.csv", harness.Client, CancellationToken.None);
        Assert.Equal(BatchStatus.Duplicate, again.Status); // the batch record outlives its deleted upload
        await harness.Storage.Events.DeleteBlobAsync("b-again.csv");
        var reader = harness.Services.GetRequiredService<ProcessedEventReader>();
        long kept = 0, erased = 0;
        await foreach (var batch in reader.ListProcessedBatchesAsync())
        {
            erased += batch.ErasedRows;
            await foreach (var e in reader.ReadBatchAsync(batch.ProcessedBlobName!))
            {
                Assert.NotEqual(target, e.UserId);
                kept += e.UserId == bystander ? 1 : 0;
            }
        }

        Assert.Equal(OwnEvents + 1, erased);
        Assert.Equal(OwnEvents, kept);

        var pointer = (await harness.Services.GetRequiredService<ModelPointer>().ReadAsync())!.Current;
        Assert.NotEqual(oldVersion, pointer.Version);
        Assert.StartsWith("Erasure of", pointer.Reason, StringComparison.Ordinal);
        await cache.RefreshAsync();
        Assert.Equal(RecommendationStrategy.Popular, (await recommendations.GetForUserAsync(target, 5)).Value?.Strategy);
        Assert.Equal(bystanderBefore, (await recommendations.GetForUserAsync(bystander, 5)).Value?.Strategy);
        Assert.Equal(u4Before, (await recommendations.GetForUserAsync("u4", 5)).Value?.Strategy);

        var rollback = await harness.Services.GetRequiredService<ModelPromoter>().PromoteAsync(oldVersion, "rollback");
        Assert.Equal(PromotionStatus.UnknownVersion, rollback.Status);
        Assert.Null(await harness.Services.GetRequiredService<ModelStore>().ReadManifestAsync(oldVersion));

        (await ServingHarness.RunAsync(await privacy.Data(ServingHarness.Get($"/api/users/{target}/data"), target), "GetUserData"))
            .AssertProblem(404, "not-found", "userId");
    }

    [Fact]
    public async Task Many_forgotten_users_are_erased_in_one_batch_with_one_training_run()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.UploadGeneratedAsync("a.csv", new GeneratorOptions(200, 100, 8_000, Seed: 5));
        await harness.Create<IngestEventsFunctions>().IngestAsync("a.csv", harness.Client, CancellationToken.None);
        await harness.WaitForTrainingAsync();
        var forgotten = harness.Services.GetRequiredService<ForgottenUsers>();
        var users = Enumerable.Range(10, 25).Select(SyntheticEventGenerator.UserId).ToList();
        var reader = harness.Services.GetRequiredService<ProcessedEventReader>();
        var rowsBefore = users.ToDictionary(u => u, _ => 0L);
        await foreach (var batch in reader.ListProcessedBatchesAsync())
        {
            await foreach (var e in reader.ReadBatchAsync(batch.ProcessedBlobName!))
            {
                if (rowsBefore.TryGetValue(e.UserId, out var n))
                {
                    rowsBefore[e.UserId] = n + 1;
                }
            }
        }

        Assert.True(rowsBefore.Values.Sum() > 0);
        foreach (var user in users)
        {
            await forgotten.ForgetAsync(user);
        }

        var passes = await EraseUntilDoneAsync(harness);

        var first = passes[0];
        Assert.Equal(users.Count, first.Users);
        var processed = Assert.Single(first.Places, p => p.Place == ProcessedBatchesPlace.PlaceName);
        Assert.Equal(1, processed.BlobsChanged);
        var ledger = harness.Services.GetRequiredService<ErasureLedger>();
        foreach (var user in users)
        {
            var record = await ledger.FindAsync(user);
            Assert.True(record?.IsDone, $"{user} erased");
            Assert.Equal(users.Count, record!.BatchUsers);
            Assert.Equal(rowsBefore[user], record.Removed[ProcessedBatchesPlace.PlaceName]);
        }

        Assert.True(passes.Count(p => p.NeedsModel) <= 2, $"{passes.Count(p => p.NeedsModel)} passes waited for a model");
        var left = users.ToHashSet();
        await foreach (var batch in reader.ListProcessedBatchesAsync())
        {
            await foreach (var e in reader.ReadBatchAsync(batch.ProcessedBlobName!))
            {
                Assert.DoesNotContain(e.UserId, left);
            }
        }

        var again = await harness.Services.GetRequiredService<ErasureWorker>().RunAsync();
        Assert.Equal(0, again.Users);
    }

    /// <summary>Runs erasure passes, training whenever a pass waits for a model without the users, until one completes.</summary>
    internal static async Task<List<ErasurePass>> EraseUntilDoneAsync(PipelineHarness harness)
    {
        var erasure = harness.Services.GetRequiredService<ErasureScheduling>();
        var passes = new List<ErasurePass>();
        await Eventually.PollAsync(async () =>
        {
            var pass = await erasure.RunAsync(harness.Client);
            passes.Add(pass);
            if (pass.NeedsModel)
            {
                await harness.WaitForTrainingAsync();
            }

            return pass.Completed > 0 ? pass : null;
        }, TimeSpan.FromMinutes(4), "the erasure to complete");
        return passes;
    }

    private const string ApiBlob = "api/2024-03-02/target.jsonl";

    /// <summary>One event of the user as <c>POST events</c> writes it (JSON Lines under <c>api/</c>).</summary>
    private static byte[] ApiRow(string user) => Encoding.UTF8.GetBytes(
        $"{{\"userId\":\"{user}\",\"itemId\":\"{SyntheticEventGenerator.ItemId(1)}\",\"eventType\":\"click\",\"timestamp\":\"2024-03-02T00:00:00Z\"}}\n");

    /// <summary>Good rows of the two users on generated items, and one bad row (unparseable timestamp) each.</summary>
    private static byte[] OwnRows(string target, string bystander)
    {
        var csv = new StringBuilder("user_id,item_id,event_type,timestamp\n");
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var user in new[] { target, bystander })
        {
            for (var i = 0; i < OwnEvents; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{user},{SyntheticEventGenerator.ItemId(i * 2)},purchase,{start.AddMinutes(i):o}\n");
            }

            csv.Append(CultureInfo.InvariantCulture, $"{user},i1,view,not-a-time\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Whether any blob of the container holds the id's UTF-8 bytes.</summary>
    internal static async Task<bool> ContainsBytesAsync(BlobContainerClient container, string id)
    {
        var needle = Encoding.UTF8.GetBytes(id);
        await foreach (var blob in container.GetBlobsAsync())
        {
            var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToMemory();
            if (content.Span.IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
