using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Events;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Functions.Privacy;
using Tailor.Functions.Profiles;
using Tailor.Privacy;
using Tailor.Serving;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Http;
using Tailor.Tests.Pipeline;

namespace Tailor.Tests.Privacy;

[Collection(AzuriteCollection.Name)]
public sealed class PseudonymTests(AzuriteFixture azurite)
{
    private const int OwnEvents = 30;

    [Fact]
    public async Task With_pseudonymization_on_a_raw_user_id_is_served_by_its_own_id_and_held_in_no_blob_or_table()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tailor:Privacy:PseudonymizeUserIds"] = "true",
            ["Tailor:Privacy:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var harness = await PipelineHarness.CreateAsync(azurite, settings);
        const string uploaded = "zq-raw-upload-person-4e1b";
        const string posted = "zq-raw-posted-person-8c2d";
        await harness.UploadGeneratedAsync("a.csv", new GeneratorOptions(200, 100, 8_000, Seed: 17));
        await harness.UploadAsync("b.csv", OwnRows(uploaded));
        var post = await ServingHarness.RunAsync(
            await harness.Create<EventFunctions>().Post(ServingHarness.Post("/api/events", PostedEvents(posted, uploaded))), "PostEvents");
        Assert.Equal(202, post.Status);
        var apiBlob = post.Json.GetProperty("blobName").GetString()!;
        Assert.False(await ErasureTests.ContainsBytesAsync(harness.Storage.Events, posted), "the events API wrote a raw id");
        var ingest = harness.Create<IngestEventsFunctions>();
        var api = await ingest.IngestAsync(apiBlob, harness.Client, CancellationToken.None);
        var own = await ingest.IngestAsync("b.csv", harness.Client, CancellationToken.None);
        await ingest.IngestAsync("a.csv", harness.Client, CancellationToken.None);
        Assert.Equal(OwnEvents + 1, api.Accepted);
        Assert.Equal((OwnEvents, 1L), (own.Accepted, own.Quarantined));
        var pseudonym = harness.Services.GetRequiredService<UserIdPseudonymizer>().Apply(uploaded);
        await Eventually.PollAsync(async () =>
        {
            await harness.WaitForTrainingAsync();
            return await ErasureTests.ContainsBytesAsync(harness.Storage.Models, pseudonym) ? "trained" : null;
        }, TimeSpan.FromMinutes(3), "a model with the uploaded user's pseudonym");
        await harness.Services.GetRequiredService<ModelCache>().RefreshAsync();

        var recommendations = harness.Create<RecommendationFunctions>();
        foreach (var user in new[] { uploaded, posted })
        {
            var served = await ServingHarness.RunAsync(
                await recommendations.GetForUser(ServingHarness.Get($"/api/recommendations/{user}"), user), "GetRecommendations");
            Assert.Equal(200, served.Status);
            Assert.Equal(RecommendationStrategy.Personalized, served.Json.GetProperty("strategy").GetString());
        }

        var profile = await ServingHarness.RunAsync(
            await harness.Create<ProfileFunctions>().Get(ServingHarness.Get($"/api/users/{uploaded}/profile"), uploaded), "GetUserProfile");
        Assert.Equal(200, profile.Status);
        Assert.Equal(uploaded, profile.Json.GetProperty("userId").GetString());

        var containers = await OwnContainersAsync(harness.Storage);
        Assert.Equal(harness.Storage.Containers.Select(c => c.Name).Order(), containers.Select(c => c.Name).Order());
        foreach (var container in containers)
        {
            foreach (var raw in new[] { uploaded, posted })
            {
                Assert.False(await ErasureTests.ContainsBytesAsync(container, raw), $"a blob in {container.Name} holds the raw id {raw}");
            }
        }

        Assert.False(await harness.Storage.Events.GetBlobClient("b.csv").ExistsAsync(), "the upload with raw ids is deleted once ingested");
        var tableChecked = 0;
        foreach (var table in harness.Storage.TablesUsed)
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                tableChecked++;
                var text = string.Join('\n', entity.Select(p => p.Key + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
                    + "\n" + entity.PartitionKey + "\n" + entity.RowKey;
                Assert.DoesNotContain(uploaded, text, StringComparison.Ordinal);
                Assert.DoesNotContain(posted, text, StringComparison.Ordinal);
            }
        }

        Assert.True(tableChecked > 0, "the tables hold batch records and profiles");

        var privacy = harness.Create<UserDataFunctions>();
        var data = await ServingHarness.RunAsync(await privacy.Data(ServingHarness.Get($"/api/users/{uploaded}/data"), uploaded), "GetUserData");
        Assert.Equal(200, data.Status);
        Assert.Equal(uploaded, data.Json.GetProperty("userId").GetString());
        Assert.Equal(OwnEvents + 1, data.Json.GetProperty("totalEvents").GetInt64());
        var delete = ServingHarness.Get($"/api/users/{uploaded}");
        delete.Method = "DELETE";
        var forgot = await ServingHarness.RunAsync(await harness.Create<ProfileFunctions>().Forget(delete, uploaded, harness.Client), "ForgetUser");
        Assert.Equal((202, uploaded), (forgot.Status, forgot.Json.GetProperty("userId").GetString()));
        var erasure = await ServingHarness.RunAsync(await privacy.Erasure(ServingHarness.Get($"/api/users/{uploaded}/erasure"), uploaded), "GetUserErasure");
        Assert.Equal((200, uploaded), (erasure.Status, erasure.Json.GetProperty("userId").GetString()));
        Assert.True(await harness.Services.GetRequiredService<ForgottenUsers>().ContainsAsync(pseudonym), "the tombstone is the pseudonym's");
        await foreach (var entity in harness.Storage.Profiles.QueryAsync<TableEntity>())
        {
            Assert.DoesNotContain(uploaded, entity.PartitionKey + entity.RowKey, StringComparison.Ordinal);
        }
    }

    /// <summary>Every container of the account made for this harness's storage (its names share a suffix).</summary>
    private static async Task<List<Azure.Storage.Blobs.BlobContainerClient>> OwnContainersAsync(TailorStorage storage)
    {
        var suffix = storage.Options.EventsContainer[new StorageOptions().EventsContainer.Length..];
        var found = new List<Azure.Storage.Blobs.BlobContainerClient>();
        await foreach (var item in storage.Blobs.GetBlobContainersAsync())
        {
            if (item.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                found.Add(storage.Blobs.GetBlobContainerClient(item.Name));
            }
        }

        return found;
    }

    /// <summary>Good rows of the user on generated items and one bad row (unparseable timestamp).</summary>
    private static byte[] OwnRows(string user)
    {
        var csv = new StringBuilder("user_id,item_id,event_type,timestamp\n");
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < OwnEvents; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{user},{SyntheticEventGenerator.ItemId(i * 2)},purchase,{start.AddMinutes(i):o}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"{user},i1,view,not-a-time\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The posted user's events on generated items, and one more event of the uploaded user.</summary>
    private static string PostedEvents(string posted, string uploaded)
    {
        var start = new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, OwnEvents)
            .Select(i => $$"""{"userId": "{{posted}}", "itemId": "{{SyntheticEventGenerator.ItemId(i * 3 + 1)}}", "eventType": "purchase", "timestamp": "{{start.AddMinutes(i):o}}"}""")
            .Append($$"""{"userId": "{{uploaded}}", "itemId": "{{SyntheticEventGenerator.ItemId(99)}}", "eventType": "purchase", "timestamp": "{{start:o}}"}""");
        return "{\"events\": [" + string.Join(",", events) + "]}";
    }
}
