using Tailor.Events;
using Tailor.Ingestion;

namespace Tailor.Tests.Ingestion;

public sealed class BatchDeduplicatorTests
{
    private static readonly DateTimeOffset s_start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static InteractionEvent Event(string user, string item, string type, long seconds) =>
        new(user, item, type, null, 1, s_start.AddSeconds(seconds));

    [Fact]
    public void Dedupe_agrees_with_a_set_of_string_keys_on_random_rows_with_repeats()
    {
        var random = new Random(7);
        string[] types = ["view", "click", "purchase"];
        var naive = new HashSet<(string, string, string, long)>();
        var dedup = new BatchDeduplicator();
        for (var row = 0; row < 200_000; row++)
        {
            // Few users, items and seconds, so that many rows repeat an earlier one; the set grows past its first size.
            var evt = Event("u" + random.Next(300), "i" + random.Next(200), types[random.Next(types.Length)], random.Next(5));
            var expected = naive.Add((evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks));
            Assert.Equal(expected, dedup.Add(evt));
        }

        Assert.InRange(naive.Count, 1, 199_999);
    }

    [Fact]
    public void Dedupe_of_chunks_agrees_with_a_set_of_string_keys_including_repeats_within_a_chunk()
    {
        var random = new Random(11);
        string[] types = ["view", "click", "purchase"];
        var naive = new HashSet<(string, string, string, long)>();
        var dedup = new BatchDeduplicator(expectedRows: 100);
        int[] lengths = [1, 15, 30, 33, 8192, 0, 17, 5000];
        var first = new bool[8192];
        for (var round = 0; round < 40; round++)
        {
            var chunk = new InteractionEvent[lengths[round % lengths.Length]];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = Event("u" + random.Next(100), "i" + random.Next(100), types[random.Next(types.Length)], random.Next(4));
            }

            dedup.AddRange(chunk, first);

            for (var i = 0; i < chunk.Length; i++)
            {
                var evt = chunk[i];
                Assert.Equal(naive.Add((evt.UserId, evt.ItemId, evt.EventType, evt.Timestamp.UtcTicks)), first[i]);
            }
        }

        Assert.InRange(naive.Count, 1_000, 120_000);
    }

    [Fact]
    public void Dedupe_tells_apart_keys_whose_ids_only_split_differently()
    {
        var dedup = new BatchDeduplicator();
        Assert.True(dedup.Add(Event("ab", "c", "view", 1)));
        Assert.True(dedup.Add(Event("a", "bc", "view", 1)));
        Assert.True(dedup.Add(Event("a", "b", "cview", 1)));
        Assert.True(dedup.Add(Event("ab", "c", "view", 2)));
        Assert.False(dedup.Add(Event("ab", "c", "view", 1)));
    }

    [Fact]
    public void Dedupe_handles_ids_too_long_for_its_stack_buffer()
    {
        var dedup = new BatchDeduplicator();
        var longType = new string('t', 600);
        Assert.True(dedup.Add(Event(new string('u', 128), new string('i', 128), longType, 1)));
        Assert.False(dedup.Add(Event(new string('u', 128), new string('i', 128), longType, 1)));
        Assert.True(dedup.Add(Event(new string('u', 128), new string('i', 127), longType, 1)));
    }
}
