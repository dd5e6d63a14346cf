using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Testing;

namespace Tailor.Tests.Catalog;

[Collection(AzuriteCollection.Name)]
public sealed class CatalogIngestionTests(AzuriteFixture azurite)
{
    private const string Csv = "item_id,title,categories,tags,available,created,description,price,director\n" +
        "i1,Red Shoes,shoes|sale,red|leather,true,2024-06-01T10:00:00Z,Comfortable,59.90,Ana\n" +
        "i2,Blue Hat,hats,,false,1717200000,,12,Bo\n" +
        "i3,Green Scarf,scarves|sale|sale,,maybe,,,,\n" +
        "i4,Grey Coat,coats,,,,,199,\n";

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public async Task Csv_catalog_is_processed_with_its_items_and_bad_rows_quarantined_with_line_and_field()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        var outcome = await context.UploadAndIngestAsync("shop/catalog.csv", Csv);

        var batchId = Sha256(Csv);
        Assert.Equal((BatchStatus.Processed, 3L, 1L, "catalog"), (outcome.Status, outcome.Accepted, outcome.Quarantined, outcome.Kind));
        Assert.Equal(("catalog/" + batchId + ".parquet", "catalog/" + batchId + ".jsonl"), (outcome.ProcessedBlobName, outcome.QuarantineBlobName));
        var quarantined = JsonDocument.Parse(await context.DownloadTextAsync(context.Storage.Quarantine, outcome.QuarantineBlobName!)).RootElement;
        Assert.Equal(4, quarantined.GetProperty("line").GetInt32());
        Assert.Equal("available (column 'available') 'maybe' is not true or false", quarantined.GetProperty("reason").GetString());

        var catalog = await context.SnapshotAsync();
        Assert.True(catalog.TryGet("i1", out var shoes));
        Assert.Equal(("Red Shoes", "Comfortable", true), (shoes.Title, shoes.Description, shoes.Available));
        Assert.Equal(["shoes", "sale"], shoes.Categories);
        Assert.Equal(["red", "leather"], shoes.Tags);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), shoes.Created);
        Assert.True(catalog.TryGet("i2", out var hat));
        Assert.Equal((false, DateTimeOffset.FromUnixTimeSeconds(1717200000), null), (hat.Available, hat.Created, hat.Description));
        Assert.True(catalog.TryGet("i4", out var coat));
        Assert.Equal((true, null), (coat.Available, coat.Created));
        Assert.False(catalog.TryGet("i3", out _));
    }

    [Fact]
    public async Task Other_columns_are_numeric_attributes_only_when_every_value_is_a_number()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        await context.UploadAndIngestAsync("catalog.csv", Csv);

        var catalog = await context.SnapshotAsync();
        Assert.True(catalog.TryGet("i1", out var shoes));
        Assert.True(catalog.TryGet("i2", out var hat));
        Assert.True(catalog.TryGet("i4", out var coat));
        Assert.Equal(new Dictionary<string, double> { ["price"] = 59.90 }, shoes.Attributes);
        Assert.Equal(new Dictionary<string, double> { ["price"] = 12 }, hat.Attributes);
        Assert.Equal(new Dictionary<string, double> { ["price"] = 199 }, coat.Attributes);
    }

    [Fact]
    public async Task Same_catalog_content_under_another_name_is_a_duplicate_and_a_reupload_under_its_name_is_idempotent()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        var first = await context.UploadAndIngestAsync("a.csv", Csv);

        var again = await context.UploadAndIngestAsync("a.csv", Csv);
        var copy = await context.UploadAndIngestAsync("copy/a.csv", Csv);

        Assert.Equal(BatchStatus.Processed, again.Status);
        Assert.Equal(first.BatchId, again.BatchId);
        Assert.Equal(BatchStatus.Duplicate, copy.Status);
        Assert.Contains("first uploaded as 'a.csv'", copy.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await context.Snapshot.MergeAsync()).Batches);
    }

    [Fact]
    public async Task Catalog_without_an_item_column_or_with_too_many_bad_rows_is_rejected_and_leaves_no_output()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        var noItem = await context.UploadAndIngestAsync("no-item.csv", "title,categories\nRed Shoes,shoes\n");
        var bad = await context.UploadAndIngestAsync("bad.csv", "item_id,available\ni1,maybe\ni2,perhaps\ni3,true\n");

        Assert.Equal(BatchStatus.Rejected, noItem.Status);
        Assert.Equal("No recognisable catalog columns in the CSV header: an item column (item_id, item, itemId, movieId) is required; found 'title', 'categories'.", noItem.Reason);
        Assert.Equal(BatchStatus.Rejected, bad.Status);
        Assert.Contains("2 of 3 rows are invalid", bad.Reason, StringComparison.Ordinal);
        Assert.Null((await context.Snapshot.WriteAsync("none.parquet")));
        await foreach (var blob in context.Storage.Processed.GetBlobsAsync())
        {
            Assert.Fail($"unexpected processed blob {blob.Name}");
        }
    }

    [Fact]
    public async Task A_second_upload_overrides_one_items_title_and_hides_another()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        await context.UploadAndIngestAsync("day1.csv", "item_id,title,categories\ni1,Old Title,books\ni2,Second,books|new\ni3,Third,music\n");

        await context.UploadAndIngestAsync("day2.csv", "item_id,title,available\ni1,New Title,true\ni2,Second,false\n");

        var catalog = await context.SnapshotAsync();
        Assert.Equal((3, 2), (catalog.Count, catalog.AvailableCount));
        Assert.True(catalog.TryGet("i1", out var first));
        Assert.Equal("New Title", first.Title);
        Assert.False(catalog.IsAvailable("i2"));
        Assert.True(catalog.IsAvailable("i3"));
        Assert.True(catalog.IsAvailable("never-listed"));
        Assert.Empty(catalog.ItemsIn("new"));
        Assert.Equal(["i3"], catalog.ItemsIn("MUSIC"));
    }

    [Fact]
    public async Task Within_one_file_the_last_row_of_an_item_wins_and_earlier_rows_count_as_duplicates()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        var outcome = await context.UploadAndIngestAsync("repeat.csv", "item_id,title\ni1,First\ni2,Other\ni1,Last\n");

        Assert.Equal((2L, 1L), (outcome.Accepted, outcome.DuplicateRows));
        var catalog = await context.SnapshotAsync();
        Assert.True(catalog.TryGet("i1", out var item));
        Assert.Equal("Last", item.Title);
    }

    [Theory]
    [InlineData("item_id,title,categories\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n2,Jumanji (1995),Adventure|Children|Fantasy\n")]
    [InlineData("movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n2,Jumanji (1995),Adventure|Children|Fantasy\n")]
    public async Task MovieLens_style_movies_file_works_as_it_is(string content)
    {
        var context = await CatalogContext.CreateAsync(azurite);

        var outcome = await context.UploadAndIngestAsync("movies.csv", content);

        Assert.Equal((BatchStatus.Processed, 2L, 0L), (outcome.Status, outcome.Accepted, outcome.Quarantined));
        var catalog = await context.SnapshotAsync();
        Assert.True(catalog.TryGet("1", out var toyStory));
        Assert.Equal("Toy Story (1995)", toyStory.Title);
        Assert.Equal(["Adventure", "Animation", "Children", "Comedy", "Fantasy"], toyStory.Categories);
        Assert.Equal(["1", "2"], catalog.ItemsIn("fantasy").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Gzipped_json_lines_catalog_reads_booleans_numbers_and_other_properties()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        const string Jsonl = "{\"itemId\":\"i1\",\"title\":\"Lamp\",\"genres\":\"home|light\",\"available\":false,\"watts\":40}\n" +
            "{\"item\":\"i2\",\"title\":\"Desk\",\"watts\":\"n/a\",\"depth\":60.5}\n" +
            "{\"title\":\"No id\"}\n";
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Jsonl));
        }

        var outcome = await context.UploadAndIngestAsync("home.jsonl.gz", compressed.ToArray());

        Assert.Equal((BatchStatus.Processed, 2L, 1L), (outcome.Status, outcome.Accepted, outcome.Quarantined));
        var catalog = await context.SnapshotAsync();
        Assert.True(catalog.TryGet("i1", out var lamp));
        Assert.Equal((false, "home"), (lamp.Available, lamp.Categories[0]));
        Assert.Empty(lamp.Attributes); // watts is not a number in every row
        Assert.True(catalog.TryGet("i2", out var desk));
        Assert.Equal(new Dictionary<string, double> { ["depth"] = 60.5 }, desk.Attributes);
    }

    [Fact]
    public async Task Parquet_catalog_is_read_with_its_numeric_columns_as_attributes()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        var id = new Parquet.Schema.DataField<string>("item_id");
        var title = new Parquet.Schema.DataField<string>("title");
        var rating = new Parquet.Schema.DataField<double>("rating");
        using var file = new MemoryStream();
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(id, title, rating), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, new ArraySegment<string>(["p1", "p2"]));
            await group.WriteAsync(title, new ArraySegment<string>(["One", "Two"]));
            await group.WriteAsync<double>(rating, (ReadOnlyMemory<double>)new double[] { 4.5, 3 }.AsMemory());
        }

        var outcome = await context.UploadAndIngestAsync("items.parquet", file.ToArray());

        Assert.Equal((BatchStatus.Processed, 2L), (outcome.Status, outcome.Accepted));
        var catalog = await context.SnapshotAsync();
        Assert.True(catalog.TryGet("p1", out var one));
        Assert.Equal(("One", 4.5), (one.Title, one.Attributes["rating"]));
    }

    [Fact]
    public async Task Catalog_batches_are_listed_with_their_kind_but_never_read_as_events()
    {
        var context = await CatalogContext.CreateAsync(azurite);

        await context.UploadAndIngestAsync("catalog.csv", Csv);

        await foreach (var batch in new ProcessedEventReader(context.Storage).ListProcessedBatchesAsync())
        {
            Assert.Fail($"catalog batch {batch.BatchId} listed as events");
        }

        var listed = Assert.Single(await new BatchHistory(context.Storage).ListAsync(null, null));
        Assert.Equal(("catalog.csv", "catalog", BatchStatus.Processed), (listed.BlobName, listed.Kind, listed.Status));
    }

    [Fact]
    public async Task A_catalog_row_with_a_bad_category_names_the_field_and_its_column()
    {
        var context = await CatalogContext.CreateAsync(azurite);
        var longCategory = new string('c', EntityId.MaxLength + 1);

        var outcome = await context.UploadAndIngestAsync("long.csv", $"item_id,genres\ni1,ok\ni2,ok|{longCategory}\ni3,fine\n");

        Assert.Equal(1L, outcome.Quarantined);
        var quarantined = JsonDocument.Parse(await context.DownloadTextAsync(context.Storage.Quarantine, outcome.QuarantineBlobName!)).RootElement;
        Assert.Equal($"categories (column 'genres') entry 2 is longer than {EntityId.MaxLength} characters ({EntityId.MaxLength + 1})", quarantined.GetProperty("reason").GetString());
    }
}
