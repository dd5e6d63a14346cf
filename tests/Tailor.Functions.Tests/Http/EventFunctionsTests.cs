using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Functions.Http;
using Tailor.Functions.Ingestion;
using Tailor.Ingestion;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Pipeline;

namespace Tailor.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class EventFunctionsTests(AzuriteFixture azurite)
{
    private const string Good = """{"userId": "u1", "itemId": "i1", "eventType": "click", "timestamp": "2026-01-02T03:04:05Z", "eventId": "e1", "recommendationId": "r1"}""";

    [Fact]
    public async Task Each_rejected_event_is_reported_with_its_index_and_a_reason_naming_the_field()
    {
        var (functions, _) = await CreateAsync();
        var body = """
            {"events": [
              {"userId": "u1", "itemId": "i1", "eventType": "view", "value": 2, "timestamp": 1767225600, "eventId": "e1"},
              {"itemId": "i1", "eventType": "view", "eventId": "e2"},
              {"userId": "u2", "itemId": "i1", "eventType": "teleport", "eventId": "e3"},
              {"userId": "u2", "itemId": "i1", "eventType": "view", "timestamp": "yesterday", "eventId": "e4"},
              {"userId": "u2", "itemId": "i2", "eventType": "view", "eventId": "e1"},
              {"userId": "u3", "itemId": "i3", "eventType": "rating", "value": "4.5"}
            ]}
            """;

        var response = await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", body)), "PostEvents");

        Assert.Equal(202, response.Status);
        Assert.Equal((2, 4), (response.Json.GetProperty("accepted").GetInt32(), response.Json.GetProperty("rejected").GetInt32()));
        var rejections = response.Json.GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([1, 2, 3, 4], rejections.Select(r => r.Item1));
        Assert.Contains("user_id", rejections[0].Item2, StringComparison.Ordinal);
        Assert.Contains("event_type", rejections[1].Item2, StringComparison.Ordinal);
        Assert.Contains("timestamp", rejections[2].Item2, StringComparison.Ordinal);
        Assert.Contains("eventId", rejections[3].Item2, StringComparison.Ordinal);
        Assert.StartsWith("api/", response.Json.GetProperty("blobName").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("null", "body")]
    [InlineData("{}", "events")]
    [InlineData("""{"events": "u1"}""", "events")]
    [InlineData("""{"events": [null]}""", "events[0]")]
    [InlineData("""{"events": [{"userId": 5}]}""", "events[0].userId")]
    public async Task A_body_that_cannot_be_used_is_a_problem_naming_the_field(string body, string field)
    {
        var (functions, _) = await CreateAsync();

        var response = await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", body)), "PostEvents");

        response.AssertProblem(400, "invalid-parameter", field);
    }

    [Fact]
    public async Task More_than_a_thousand_events_or_a_megabyte_is_refused_whole()
    {
        var (functions, storage) = await CreateAsync();
        var tooMany = "{\"events\": [" + string.Join(",", Enumerable.Repeat(Good, EventApiWriter.MaxEvents + 1)) + "]}";
        var tooLarge = "{\"events\": [" + Good + "], \"padding\": \"" + new string('x', EventApiWriter.MaxBodyBytes) + "\"}";

        (await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", tooMany)), "PostEvents")).AssertProblem(400, "invalid-parameter", "events");
        (await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", tooLarge)), "PostEvents")).AssertProblem(400, "invalid-parameter", "body");
        Assert.Empty(await BlobNamesAsync(storage));
    }

    [Fact]
    public async Task A_retried_call_writes_the_same_blob_once_whatever_the_order_of_its_events()
    {
        var (functions, storage) = await CreateAsync();
        var second = """{"userId": "u2", "itemId": "i2", "eventType": "purchase", "value": 19.99, "timestamp": 1767225600, "eventId": "e2"}""";

        var first = await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", $$"""{"events": [{{Good}}, {{second}}]}""")), "PostEvents");
        var retried = await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", $$"""{"events": [{{second}}, {{Good}}]}""")), "PostEvents");

        Assert.Equal(first.Json.GetProperty("blobName").GetString(), retried.Json.GetProperty("blobName").GetString());
        Assert.Equal(2, retried.Json.GetProperty("accepted").GetInt32());
        Assert.Equal([first.Json.GetProperty("blobName").GetString()!], await BlobNamesAsync(storage));
    }

    [Fact]
    public async Task Accepted_events_are_ingested_as_one_processed_batch_and_a_retry_on_another_day_is_a_duplicate()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var body = $$"""{"events": [{{Good}}, {"userId": "u2", "itemId": "i1", "eventType": "view", "timestamp": 1767225600, "eventId": "e2"}]}""";
        var today = new EventApiWriter(harness.Storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, TimeProvider.System);
        var tomorrow = new EventApiWriter(harness.Storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, new ShiftedTime(TimeSpan.FromDays(1)));
        var ingest = harness.Create<IngestEventsFunctions>();

        var posted = await ServingHarness.RunAsync(await new EventFunctions(today).Post(ServingHarness.Post("/api/events", body)), "PostEvents");
        var blobName = posted.Json.GetProperty("blobName").GetString()!;
        var outcome = await ingest.IngestAsync(blobName, harness.Client, CancellationToken.None);
        var retried = await ServingHarness.RunAsync(await new EventFunctions(tomorrow).Post(ServingHarness.Post("/api/events", body)), "PostEvents");
        var again = await ingest.IngestAsync(retried.Json.GetProperty("blobName").GetString()!, harness.Client, CancellationToken.None);

        Assert.Equal((BatchStatus.Processed, 2L, 0L), (outcome.Status, outcome.Accepted, outcome.Quarantined));
        var events = new List<InteractionEvent>();
        await foreach (var e in harness.Services.GetRequiredService<ProcessedEventReader>().ReadBatchAsync(outcome.ProcessedBlobName!))
        {
            events.Add(e);
        }

        Assert.Equal([("u1", "r1"), ("u2", null)], events.Select(e => (e.UserId, e.RecommendationId)).OrderBy(e => e.UserId, StringComparer.Ordinal));
        Assert.NotEqual(blobName, retried.Json.GetProperty("blobName").GetString());
        Assert.Equal(BatchStatus.Duplicate, again.Status);
    }

    [Fact]
    public async Task An_over_long_recommendation_id_rejects_its_event_naming_the_field()
    {
        var (functions, _) = await CreateAsync();
        var body = $$"""{"events": [{"userId": "u1", "itemId": "i1", "eventType": "click", "recommendationId": "{{new string('r', 129)}}"}]}""";

        var response = await ServingHarness.RunAsync(await functions.Post(ServingHarness.Post("/api/events", body)), "PostEvents");

        var rejection = Assert.Single(response.Json.GetProperty("rejections").EnumerateArray());
        Assert.Equal("recommendation_id (column 'recommendationId') is longer than 128 characters (129)", rejection.GetProperty("reason").GetString());
    }

    private async Task<(EventFunctions Functions, TailorStorage Storage)> CreateAsync()
    {
        var storage = await azurite.CreateStorageAsync();
        return (new EventFunctions(new EventApiWriter(storage, Options.Create(new EventOptions()), UserIdPseudonymizer.Off, TimeProvider.System)), storage);
    }

    private static async Task<List<string>> BlobNamesAsync(TailorStorage storage)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Events.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
