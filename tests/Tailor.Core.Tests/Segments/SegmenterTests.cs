using Tailor.Catalog;
using Tailor.Events;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Tests.Profiles;

namespace Tailor.Tests.Segments;

public sealed class SegmenterTests
{
    [Fact]
    public void Planted_audiences_become_labelled_segments_with_their_popular_items()
    {
        var (snapshot, catalog) = TwoAudiences(seed: 3);
        var profiles = ProfileBuilder.Build(snapshot, catalog);

        var (segmented, segments) = Segmenter.Segment(profiles, snapshot, new SegmentOptions { MaxK = 6 });

        Assert.NotNull(segments);
        Assert.Equal(2, segments.K);
        Assert.Equal(SegmentSet.DaviesBouldin, segments.Criterion);
        Assert.Equal([2, 3, 4, 5, 6], segments.Scores.Select(s => s.K));
        var drama = segments.Segments.Single(s => s.Label.Contains("Drama", StringComparison.Ordinal));
        var comedy = segments.Segments.Single(s => s.Label.Contains("Comedy", StringComparison.Ordinal));
        Assert.StartsWith("frequent Drama", drama.Label, StringComparison.Ordinal);
        Assert.EndsWith("evenings", drama.Label, StringComparison.Ordinal);
        Assert.StartsWith("occasional Comedy", comedy.Label, StringComparison.Ordinal);
        Assert.EndsWith("mornings", comedy.Label, StringComparison.Ordinal);
        Assert.Equal(120, drama.Users + comedy.Users);
        Assert.StartsWith("d", drama.PopularItems[0].ItemId, StringComparison.Ordinal);
        Assert.StartsWith("c", comedy.PopularItems[0].ItemId, StringComparison.Ordinal);

        // Membership: every drama fan is in the drama segment.
        var dramaIndex = segments.Segments.ToList().IndexOf(drama);
        for (var u = 0; u < segmented.Count; u++)
        {
            Assert.Equal(segmented.UserIds[u].StartsWith("fan", StringComparison.Ordinal), segmented.SegmentAt(u) == dramaIndex);
        }
    }

    [Fact]
    public async Task Segments_round_trip_through_the_profiles_artifact_and_repeat_for_a_seed()
    {
        var (snapshot, catalog) = TwoAudiences(seed: 5);
        var options = new SegmentOptions { Seed = 11 };
        var (first, firstSet) = Segmenter.Segment(ProfileBuilder.Build(snapshot, catalog), snapshot, options);
        var (second, secondSet) = Segmenter.Segment(ProfileBuilder.Build(snapshot, catalog), snapshot, options);

        using var stream = new MemoryStream();
        await ProfileFile.WriteAsync(stream, first);
        stream.Position = 0;
        var read = await ProfileFile.ReadAsync(stream);

        Assert.Equal(first.Segments, read.Segments);
        Assert.Equal(first.Segments, second.Segments);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(firstSet! with { Seconds = 0 }),
            System.Text.Json.JsonSerializer.Serialize(secondSet! with { Seconds = 0 }));
    }

    [Fact]
    public void Too_few_users_make_no_segments()
    {
        var builder = new SnapshotBuilder();
        builder.Add(new InteractionEvent("a", "i", "view", null, 1f, DateTimeOffset.UnixEpoch));
        var snapshot = builder.Build(0.25, 42);

        var (profiles, segments) = Segmenter.Segment(ProfileBuilder.Build(snapshot), snapshot, new SegmentOptions());

        Assert.Null(segments);
        Assert.Null(profiles.Segments);
    }

    /// <summary>60 drama fans (many events, evenings, on d* items) and 60 comedy browsers (few events, mornings, c* items).</summary>
    internal static (InteractionSnapshot Snapshot, ItemCatalog Catalog) TwoAudiences(int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var builder = new SnapshotBuilder();
        for (var u = 0; u < 60; u++)
        {
            for (var e = 0; e < 40 + random.Next(10); e++)
            {
                builder.Add(new InteractionEvent($"fan{u}", $"d{random.Next(30)}", "view", null, 1f,
                    start.AddDays(random.Next(30)).AddHours(19 + random.Next(4))));
            }

            for (var e = 0; e < 3 + random.Next(3); e++)
            {
                builder.Add(new InteractionEvent($"browser{u}", $"c{random.Next(30)}", "view", null, 1f,
                    start.AddDays(random.Next(30)).AddHours(7 + random.Next(4))));
            }
        }

        var items = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            ProfileDetailsTests.Item($"d{i}", "Drama", i % 2 == 0 ? "Thriller" : "Romance"),
            ProfileDetailsTests.Item($"c{i}", "Comedy"),
        }).ToList();
        return (builder.Build(0.25, seed: 42), ItemCatalog.From(items));
    }
}
