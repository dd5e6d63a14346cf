using Microsoft.Extensions.Options;
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

    private static RecommendationService Service(int threshold)
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
            new FixedModelSource(model), ForgottenUserSet.None, null, lightUsers: Options.Create(new LightUserOptions { LightUserThreshold = threshold }));
    }
}
