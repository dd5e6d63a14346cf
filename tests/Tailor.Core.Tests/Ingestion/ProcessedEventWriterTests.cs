using Parquet;
using Parquet.Schema;
using Tailor.Events;
using Tailor.Ingestion;

namespace Tailor.Tests.Ingestion;

/// <summary>The processed-event writer against Parquet.Net writing the same events: both files must read back through
/// Parquet.Net (and <see cref="ProcessedEventReader"/>) as the same schema and the same events.</summary>
public sealed class ProcessedEventWriterTests
{
    private static readonly DateTimeOffset s_start = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(15, 1000)]
    [InlineData(3_333, 1000)]
    [InlineData(5_000, 5_000)]
    public async Task Events_read_back_as_they_read_from_a_file_Parquet_Net_wrote(int rows, int rowGroupSize)
    {
        var ours = await AssertReadsLikeParquetNetAsync(RandomEvents(rows, seed: rows), rowGroupSize);

        Assert.Equal(rows, ours.Count);
    }

    [Fact]
    public async Task Dictionary_indexes_of_every_width_up_to_17_bits_read_back()
    {
        // 70,000 distinct items in one row group need 17-bit indexes; users repeat in runs (RLE), items never.
        var events = new InteractionEvent[70_000];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new InteractionEvent("u" + (i / 40), "item-" + i, i % 3 == 0 ? "view" : "click", null, 1f, s_start.AddSeconds(i));
        }

        Assert.Equal(events, await ReadAllAsync(await WriteAsync(events, ProcessedEventSchema.RowGroupSize)));
        for (var distinct = 1; distinct <= 600; distinct = (distinct * 2) + 1)
        {
            await AssertReadsLikeParquetNetAsync(RandomEvents(1_000, seed: distinct, distinctItems: distinct), ProcessedEventSchema.RowGroupSize);
        }
    }

    [Fact]
    public async Task Users_are_the_distinct_user_ids_of_every_row_group_and_index_like_the_file_read_back()
    {
        var events = RandomEvents(3_333, seed: 7);
        using var stream = new MemoryStream();
        var writer = new ProcessedEventWriter(stream, rowGroupSize: 1000);
        foreach (var evt in events)
        {
            await writer.AddAsync(evt, default);
        }

        await writer.CompleteAsync(default);

        var expected = events.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 100, $"{expected.Count} users: too few to tell a row group's users from the file's");
        Assert.Equal(expected, writer.Users.Order(StringComparer.Ordinal));
        stream.Position = 0;
        var fromFile = await Tailor.Privacy.BatchUserIndexes.BuildAsync(stream, default);
        var fromWriter = Tailor.Privacy.BatchUserIndex.FromHashes([.. writer.Users.Select(Tailor.Privacy.BatchUserIndex.Hash)]);
        Assert.Equal(fromFile.ToBytes(), fromWriter.ToBytes());
    }

    [Fact]
    public async Task Schema_is_the_one_Parquet_Net_writes_for_processed_events()
    {
        var events = RandomEvents(10, seed: 3);

        var ours = await SchemaAsync(await WriteAsync(events, 1000));
        var reference = await SchemaAsync(await WriteWithParquetNetAsync(events, 1000));

        Assert.Equal(reference, ours);
        Assert.Equal(["user_id", "item_id", "event_type", "value", "weight", "timestamp", "recommendation_id"], ours.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public async Task Empty_file_has_the_schema_and_no_events()
    {
        var file = await WriteAsync([], 1000);

        Assert.Empty(await ReadAllAsync(file));
        Assert.Equal(7, (await SchemaAsync(file)).Count);
    }

    [Fact]
    public async Task Row_groups_without_any_value_or_recommendation_id_read_back_as_nulls()
    {
        var events = RandomEvents(3_000, seed: 11);
        for (var i = 0; i < 2_000; i++)
        {
            events[i] = events[i] with { Value = null, RecommendationId = null };
        }

        var ours = await AssertReadsLikeParquetNetAsync(events, 1000);

        Assert.All(ours.Take(2_000), e => Assert.True(e.RecommendationId is null && e.Value is null));
        Assert.Contains(ours.Skip(2_000), e => e.RecommendationId is not null);
    }

    private static async Task<List<InteractionEvent>> AssertReadsLikeParquetNetAsync(InteractionEvent[] events, int rowGroupSize)
    {
        var ours = await ReadAllAsync(await WriteAsync(events, rowGroupSize));
        var reference = await ReadAllAsync(await WriteWithParquetNetAsync(events, rowGroupSize));
        Assert.Equal(reference, ours);
        return ours;
    }

    /// <summary>Ids of varied length and script (2- and 4-byte UTF-8), nulls in the optional columns, repeats of
    /// users in runs, timestamps with whole microseconds (the stored unit) and with sub-microsecond ticks.</summary>
    private static InteractionEvent[] RandomEvents(int rows, int seed, int distinctItems = 500)
    {
        var random = new Random(seed);
        string[] types = ["view", "click", "purchase", "rating"];
        string[] alphabets = ["abcxyz0189", "äöüßéñ", "日本語テキスト", "😀🎉"];
        var users = new string[Math.Max(1, rows / 20)];
        for (var u = 0; u < users.Length; u++)
        {
            users[u] = Id(random, alphabets, "u");
        }

        var items = new string[distinctItems];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Id(random, alphabets, "i");
        }

        var events = new InteractionEvent[rows];
        var user = 0;
        for (var row = 0; row < rows; row++)
        {
            if (random.Next(8) == 0)
            {
                user = random.Next(users.Length);
            }

            double? value = random.Next(3) == 0 ? Math.Round(random.NextDouble() * 10, 2) : null;
            var recommendation = random.Next(4) == 0 ? "rec-" + random.Next(50) : null;
            var ticks = (random.NextInt64(0, 86_400L * 365 * 3) * TimeSpan.TicksPerSecond) + (random.Next(2) == 0 ? random.Next(10_000_000) : 0);
            events[row] = new InteractionEvent(users[user], items[random.Next(items.Length)], types[random.Next(types.Length)], value,
                (float)random.Next(1, 9), s_start.AddTicks(ticks), recommendation);
        }

        return events;
    }

    private static string Id(Random random, string[] alphabets, string prefix)
    {
        var alphabet = alphabets[random.Next(alphabets.Length)];
        var length = random.Next(1, random.Next(8) == 0 ? 128 : 12);
        var chars = new System.Text.StringBuilder(prefix);
        var runes = alphabet.EnumerateRunes().ToArray();
        while (chars.Length < length)
        {
            chars.Append(runes[random.Next(runes.Length)].ToString());
        }

        return chars.ToString();
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<InteractionEvent> events, int rowGroupSize)
    {
        using var stream = new MemoryStream();
        var writer = new ProcessedEventWriter(stream, rowGroupSize);
        foreach (var evt in events)
        {
            await writer.AddAsync(evt, default);
        }

        await writer.CompleteAsync(default);
        Assert.Equal(events.Count, writer.Written);
        return stream.ToArray();
    }

    /// <summary>The reference: the same columns through Parquet.Net's own writer.</summary>
    private static async Task<byte[]> WriteWithParquetNetAsync(InteractionEvent[] events, int rowGroupSize)
    {
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ProcessedEventSchema.Schema, stream))
        {
            for (var start = 0; start < events.Length; start += rowGroupSize)
            {
                var rows = events.AsSpan(start, Math.Min(rowGroupSize, events.Length - start)).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(ProcessedEventSchema.UserId, Array.ConvertAll(rows, e => e.UserId));
                await group.WriteAsync(ProcessedEventSchema.ItemId, Array.ConvertAll(rows, e => e.ItemId));
                await group.WriteAsync(ProcessedEventSchema.EventType, Array.ConvertAll(rows, e => e.EventType));
                await group.WriteAsync<double>(ProcessedEventSchema.Value, (ReadOnlyMemory<double?>)Array.ConvertAll(rows, e => e.Value));
                await group.WriteAsync<float>(ProcessedEventSchema.Weight, (ReadOnlyMemory<float>)Array.ConvertAll(rows, e => e.Weight));
                await group.WriteAsync<DateTime>(ProcessedEventSchema.Timestamp, (ReadOnlyMemory<DateTime>)Array.ConvertAll(rows, e => e.Timestamp.UtcDateTime));
                await group.WriteAsync(ProcessedEventSchema.RecommendationId, Array.ConvertAll(rows, e => e.RecommendationId));
            }
        }

        return stream.ToArray();
    }

    private static async Task<List<InteractionEvent>> ReadAllAsync(byte[] file)
    {
        var events = new List<InteractionEvent>();
        await foreach (var evt in ProcessedEventReader.ReadAsync(new MemoryStream(file, writable: false)))
        {
            events.Add(evt);
        }

        return events;
    }

    private static async Task<List<string>> SchemaAsync(byte[] file)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file, writable: false));
        return [.. reader.Schema.DataFields.Select(Describe)];
    }

    private static string Describe(DataField field) => field is DateTimeDataField date
        ? $"{field.Name} {field.ClrType} nullable={field.IsNullable} {date.DateTimeFormat} utc={date.IsAdjustedToUTC} unit={date.Unit}"
        : $"{field.Name} {field.ClrType} nullable={field.IsNullable}";
}
