using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Testing;
using Tailor.Tests.Events;

namespace Tailor.Tests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class EventBatchIngestorTests(AzuriteFixture azurite)
{
    private const string Csv = "user_id,item_id,event_type,value,timestamp\n" +
        "u1,i1,view,,1717200000\n" +
        "u1,i2,purchase,19.99,2024-06-01T10:00:00Z\n" +
        "u2,i1,teleport,,1717200000\n" +
        "u1,i1,view,,1717200000\n" +
        "u2,i3,rating,4,1717200000123\n";

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public async Task Csv_batch_is_processed_with_counts_outputs_and_record()
    {
        var context = await IngestionContext.CreateAsync(azurite);

        var outcome = await context.UploadAndIngestAsync("2024/06/shop.csv", Csv);

        var batchId = Sha256(Csv);
        Assert.Equal(new BatchOutcome(batchId, "2024/06/shop.csv", BatchStatus.Processed, 3, 1, 1, null, batchId + ".parquet"),
            outcome with { QuarantineBlobName = null, Bytes = 0, Duration = default, MinTimestamp = null, MaxTimestamp = null });
        Assert.Equal(batchId + ".jsonl", outcome.QuarantineBlobName);
        Assert.Equal(Encoding.UTF8.GetByteCount(Csv), outcome.Bytes);
        Assert.Equal(
            [new("u1", "i1", "view", null, 1f, DateTimeOffset.FromUnixTimeSeconds(1717200000)),
             new("u1", "i2", "purchase", 19.99, 8f, new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero)),
             new("u2", "i3", "rating", 4.0, 4f, DateTimeOffset.FromUnixTimeMilliseconds(1717200000123))],
            await context.ReadProcessedAsync(outcome.ProcessedBlobName!));

        var record = Assert.Single(await ToListAsync(context.Reader.ListProcessedBatchesAsync()));
        Assert.Equal((batchId, "2024/06/shop.csv", BatchStatus.Processed, 3L, 1L, 1L), (record.BatchId, record.BlobName, record.Status, record.Accepted, record.Quarantined, record.DuplicateRows));
        Assert.Equal((outcome.Bytes, batchId + ".parquet", batchId + ".jsonl"), (record.Bytes, record.ProcessedBlobName, record.QuarantineBlobName));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717200000), record.MinTimestamp);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), record.MaxTimestamp);
    }

    [Fact]
    public async Task Processed_parquet_has_the_documented_columns()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var outcome = await context.UploadAndIngestAsync("events.csv", Csv);

        var stream = await context.Storage.Processed.GetBlobClient(outcome.ProcessedBlobName).OpenReadAsync();
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);

        var fields = reader.Schema.DataFields.Select(f => (f.Name, Nullable.GetUnderlyingType(f.ClrType) ?? f.ClrType, f.IsNullable)).ToList();
        Assert.Equal(["user_id", "item_id", "event_type", "value", "weight", "timestamp", "recommendation_id"], fields.Select(f => f.Name));
        Assert.Equal((typeof(double), true), (fields[3].Item2, fields[3].IsNullable));
        Assert.Equal((typeof(float), false), (fields[4].Item2, fields[4].IsNullable));
        Assert.Equal(typeof(DateTime), fields[5].Item2);
        Assert.True(fields[6].IsNullable);
    }

    [Fact]
    public async Task Quarantine_holds_line_number_reason_and_raw_text_cut_to_1_KB()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var longUser = new string('u', 2000);
        var csv = "user,item,type,ts\nu1,i1,view,1717200000\nu2,i2,view,1717200000\nu3,i3,bogus,1717200000\n" + longUser + ",i4,view,1717200000\nu5,i5,view,1717200000\n";

        var outcome = await context.UploadAndIngestAsync("events.csv", csv);

        var lines = (await context.DownloadTextAsync(context.Storage.Quarantine, outcome.QuarantineBlobName!))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(4, lines[0].GetProperty("line").GetInt64());
        Assert.StartsWith("event_type (column 'type') 'bogus'", lines[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("u3,i3,bogus,1717200000", lines[0].GetProperty("raw").GetString());
        Assert.Equal(5, lines[1].GetProperty("line").GetInt64());
        Assert.StartsWith("user_id (column 'user') is longer than 128", lines[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(new string('u', 1024), lines[1].GetProperty("raw").GetString());
    }

    [Theory]
    [InlineData("events.csv.gz")]
    [InlineData("events.jsonl")]
    [InlineData("events.jsonl.gz")]
    [InlineData("events.parquet")]
    [InlineData("events.parquet.gz")]
    public async Task Every_format_is_ingested(string name)
    {
        var context = await IngestionContext.CreateAsync(azurite);
        byte[] content = name.Contains("jsonl", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"click\",\"ts\":1717200000}\n{\"user\":\"u2\",\"item\":\"i1\",\"type\":\"like\",\"ts\":1717200001}\n")
            : name.Contains("parquet", StringComparison.Ordinal)
                ? await EventTestFiles.ParquetBytesAsync(["u1", "u2"], ["i1", "i1"], ["click", "like"], [null, null], [1717200000, 1717200001])
                : Encoding.UTF8.GetBytes("user,item,type,ts\nu1,i1,click,1717200000\nu2,i1,like,1717200001\n");
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            content = EventTestFiles.Gzip(content);
        }

        var outcome = await context.UploadAndIngestAsync(name, content);

        Assert.Equal(BatchStatus.Processed, outcome.Status);
        Assert.Equal(
            [new("u1", "i1", "click", null, 2f, DateTimeOffset.FromUnixTimeSeconds(1717200000)),
             new("u2", "i1", "like", null, 3f, DateTimeOffset.FromUnixTimeSeconds(1717200001))],
            await context.ReadProcessedAsync(outcome.ProcessedBlobName!));
        Assert.Empty(await context.BlobNamesAsync(context.Storage.Quarantine));
    }

    [Fact]
    public async Task Same_content_under_another_name_is_recorded_duplicate_and_not_counted_twice()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var first = await context.UploadAndIngestAsync("a/first.csv", Csv);

        var second = await context.UploadAndIngestAsync("b/second.csv", Csv);

        Assert.Equal(BatchStatus.Duplicate, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal((0L, 0L, 0L), (second.Accepted, second.Quarantined, second.DuplicateRows));
        Assert.Contains("a/first.csv", second.Reason, StringComparison.Ordinal);
        var batch = Assert.Single(await ToListAsync(context.Reader.ListProcessedBatchesAsync()));
        Assert.Equal(("a/first.csv", 3L), (batch.BlobName, batch.Accepted));
        var upload = await context.Reader.FindUploadAsync("b/second.csv");
        Assert.Equal(("b/second.csv", BatchStatus.Duplicate, first.BatchId), (upload!.BlobName, upload.Status, upload.BatchId));
        Assert.Equal(BatchStatus.Processed, (await context.Reader.FindUploadAsync("a/first.csv"))!.Status);
        Assert.Equal(2, (await context.RecordsAsync("upload")).Count);
        Assert.Equal([first.ProcessedBlobName!], await context.BlobNamesAsync(context.Storage.Processed));
    }

    [Fact]
    public async Task Ingesting_the_same_blob_again_is_idempotent()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var first = await context.UploadAndIngestAsync("events.csv", Csv);

        var again = await context.Ingestor.IngestAsync("events.csv");

        Assert.Equal(first with { Duration = default }, again with { Duration = default });
        Assert.Equal(BatchStatus.Processed, (await context.Reader.FindUploadAsync("events.csv"))!.Status);
        Assert.Single(await context.RecordsAsync("batch"));
        Assert.Single(await context.RecordsAsync("upload"));
    }

    [Fact]
    public async Task Concurrent_ingestion_of_one_content_records_one_batch()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        await context.UploadAsync("a.csv", Csv);
        await context.UploadAsync("b.csv", Csv);

        var outcomes = await Task.WhenAll(context.Ingestor.IngestAsync("a.csv"), context.Ingestor.IngestAsync("b.csv"));

        Assert.Single(outcomes, o => o.Status == BatchStatus.Processed);
        Assert.Single(outcomes, o => o.Status == BatchStatus.Duplicate);
        Assert.Single(await ToListAsync(context.Reader.ListProcessedBatchesAsync()));
        Assert.Equal(3, (await context.ReadProcessedAsync(outcomes[0].ProcessedBlobName!)).Count);
    }

    [Fact]
    public async Task Different_content_is_a_new_batch()
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var first = await context.UploadAndIngestAsync("events.csv", Csv);

        var second = await context.UploadAndIngestAsync("events.csv", Csv + "u9,i9,click,,1717200000\n");

        Assert.Equal(BatchStatus.Processed, second.Status);
        Assert.NotEqual(first.BatchId, second.BatchId);
        Assert.Equal(4, second.Accepted);
        Assert.Equal(2, (await ToListAsync(context.Reader.ListProcessedBatchesAsync())).Count);
    }

    public static TheoryData<string, string, string> RejectedFiles() => new()
    {
        { "not-gzip.csv.gz", "plain:" + Csv, "not gzip" },
        { "truncated.csv.gz", "truncated-gzip", "truncated" },
        { "columns.csv", "plain:customer,product\nc1,p1\n", "No recognisable event columns" },
        { "bad.csv", "plain:user,item,type,ts\nu1,i1,view,1717200000\nu2,i2,x,1717200000\nu3,i3,y,1717200000\n", "2 of 3 rows are invalid" },
        { "big.csv", "plain:" + Csv + new string(' ', 5000), "MaxFileBytes" },
        { "events.parquet", "plain:" + Csv, "PAR1" },
        { "events.jsonl", "plain:" + Csv, "not a JSON object" },
        { "events.txt", "plain:" + Csv, "Unsupported file extension" },
    };

    [Theory]
    [MemberData(nameof(RejectedFiles))]
    public async Task Rejected_file_is_recorded_with_reason_and_leaves_no_output(string name, string content, string reason)
    {
        var context = await IngestionContext.CreateAsync(azurite, new EventOptions { MaxFileBytes = 4096 });
        var bytes = content == "truncated-gzip"
            ? TruncatedGzip()
            : Encoding.UTF8.GetBytes(content["plain:".Length..]);

        var outcome = await context.UploadAndIngestAsync(name, bytes);

        Assert.Equal(BatchStatus.Rejected, outcome.Status);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
        Assert.Null(outcome.ProcessedBlobName);
        Assert.Empty(await context.BlobNamesAsync(context.Storage.Processed));
        Assert.Empty(await context.BlobNamesAsync(context.Storage.Quarantine));
        Assert.Empty(await ToListAsync(context.Reader.ListProcessedBatchesAsync()));
        var upload = await context.Reader.FindUploadAsync(name);
        Assert.Equal((BatchStatus.Rejected, name, outcome.Reason), (upload!.Status, upload.BlobName, upload.Reason));
        var batches = await context.RecordsAsync("batch");
        // Refused before reading (no content hash): a name id and no batch record; read and rejected: one batch record.
        Assert.True(batches.Count == (outcome.BatchId.StartsWith("name-", StringComparison.Ordinal) ? 0 : 1));
        Assert.All(batches, b => Assert.Equal(("rejected", outcome.Reason), (b.GetString("Status"), b.GetString("Reason"))));
    }

    [Fact]
    public async Task Rejected_content_is_read_again_when_configuration_accepts_it()
    {
        var storageContext = await IngestionContext.CreateAsync(azurite);
        var csv = "user,item,type,ts\nu1,i1,share,1717200000\n";
        var rejected = await storageContext.UploadAndIngestAsync("share.csv", csv);
        var options = new EventOptions { Weights = new(new EventOptions().Weights, StringComparer.OrdinalIgnoreCase) { ["share"] = 5f } };
        var lenient = new EventBatchIngestor(storageContext.Storage, Microsoft.Extensions.Options.Options.Create(options), Tailor.Events.UserIdPseudonymizer.Off,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EventBatchIngestor>.Instance);

        var processed = await lenient.IngestAsync("share.csv");

        Assert.Equal(BatchStatus.Rejected, rejected.Status);
        Assert.Equal((BatchStatus.Processed, rejected.BatchId, 1L), (processed.Status, processed.BatchId, processed.Accepted));
        Assert.Equal("processed", Assert.Single(await storageContext.RecordsAsync("batch")).GetString("Status"));
    }

    private static byte[] TruncatedGzip()
    {
        var rows = "user,item,type,ts\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"u{i},i{i % 50},view,{1717200000 + i}\n"));
        var gzip = EventTestFiles.Gzip(Encoding.UTF8.GetBytes(rows));
        return gzip[..(gzip.Length * 2 / 3)];
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
