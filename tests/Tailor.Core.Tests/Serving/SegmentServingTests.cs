using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Serving;
using Tailor.Tests.Models;

namespace Tailor.Tests.Serving;

public sealed class SegmentServingTests
{
    [Fact]
    public async Task A_light_user_gets_the_model_list_blended_with_their_segments_popular_items()
    {
        var service = Service(threshold: 3);

        // u2 saw i2 and i3 (2 items < 3): the model's items interleaved with s1's popular i5, i0 (i3 is seen).
        var result = (await service.GetForUserAsync("u2", new RecommendationRequest { Count = 2, Explain = true })).Value!;

        Assert.Equal(RecommendationStrategy.Segment, result.Strategy);
        var model = (await Service(threshold: 0).GetForUserAsync("u2", 2)).Value!;
        Assert.Equal(RecommendationStrategy.Personalized, model.Strategy);
        var expected = SegmentBlend.Fill(
            [.. model.Items.Select(i => int.Parse(i.ItemId[1..], System.Globalization.CultureInfo.InvariantCulture))], [5, 0], 2, new LightUserOptions().SegmentSlots);
        Assert.Equal(expected.Select(i => "i" + i), result.Items.Select(i => i.ItemId));
        Assert.Equal(["i0", "i5"], result.Items.Select(i => i.ItemId)); // the model's best is i0 (co-occurs twice with i3)
        Assert.Contains("segment s1", result.Items[1].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Items, i => i.ItemId is "i2" or "i3");
        Assert.Equal(result.Items.Select(i => i.Score).OrderDescending(), result.Items.Select(i => i.Score));
    }

    [Fact]
    public async Task A_user_with_enough_history_or_no_segment_stays_personalized()
    {
        var service = Service(threshold: 3);

        Assert.Equal(RecommendationStrategy.Personalized, (await service.GetForUserAsync("u1", 3)).Value!.Strategy); // 3 items
        Assert.Equal(RecommendationStrategy.Personalized, (await service.GetForUserAsync("u0", 3)).Value!.Strategy); // no segment
    }

    [Fact]
    public async Task A_users_impression_names_their_segment_so_online_metrics_group_by_it()
    {
        var recorded = new List<Impression>();
        var service = Service(threshold: 3, new ListRecorder(recorded));

        var light = (await service.GetForUserAsync("u2", 2)).Value!;
        var heavy = (await service.GetForUserAsync("u1", 2)).Value!;
        _ = await service.GetForUserAsync("u0", 2); // no segment
        _ = await service.ForSessionAsync(["i1"], 2);

        Assert.Equal(["s1", "s1", null, null], recorded.Select(i => i.Segment));
        var at = recorded[0].TimestampUtc;
        FeedbackEvent[] events = [new("u2", light.Items[0].ItemId, "click", 1, at.AddMinutes(1), null)];
        var table = OnlineMetrics.Compute(recorded, events, at.AddHours(-1), at.AddHours(1), [OnlineGrouping.Segment], TimeSpan.FromDays(1), 10);
        var s1 = Assert.Single(table.Rows, r => r.Segment == "s1");
        Assert.Equal((2L, 1L), (s1.Impressions, s1.Clicked));
        Assert.Equal(2L, Assert.Single(table.Rows, r => r.Segment == "").Impressions);
        Assert.Equal(RecommendationStrategy.Personalized, heavy.Strategy);
    }

    private sealed class ListRecorder(List<Impression> all) : IImpressionRecorder
    {
        public void Record(Impression impression) => all.Add(impression);
    }

    private static RecommendationService Service(int threshold, IImpressionRecorder? impressions = null)
    {
        var loaded = ServingModels.Cooccurrence(SampleArtifacts.Small());
        string[] users = ["u0", "u1", "u2", "ü-3 ✓"];
        var sorted = users.Order(StringComparer.Ordinal).ToArray();
        var profiles = new ProfileSet(sorted, new int[4], new int[4], new long[4], new long[4], new int[5], [], [], loaded.Artifact.ItemIds)
        {
            Segments = [.. sorted.Select(u => u == "u0" ? -1 : 0)],
        };
        var segment = new SegmentSummary("s1", "regular, mornings", 3, 0.75, 3, 3, 1, 1, 1, [], "mornings", 0,
            [new SegmentItem("i3", 3, 1), new SegmentItem("i5", 2, 0.66), new SegmentItem("i0", 1, 0.33)]);
        var segments = new SegmentSet(1, SegmentSet.DaviesBouldin, [], 4, 4, 42, [], 0, [segment]);
        var model = new LoadedModel(loaded.Pointer, loaded.PointerETag, loaded.Artifact, loaded.Manifest, loaded.Report, profiles) { Segments = segments };
        return new RecommendationService(
            new FixedModelSource(model), ForgottenUserSet.None, null, lightUsers: Options.Create(new LightUserOptions { LightUserThreshold = threshold }),
            impressions: impressions);
    }
}
