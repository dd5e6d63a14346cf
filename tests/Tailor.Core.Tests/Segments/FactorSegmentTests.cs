using Tailor.Events;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Training.Ials;

namespace Tailor.Tests.Segments;

public sealed class FactorSegmentTests
{
    [Fact]
    public void Taste_groups_seen_only_in_the_interactions_are_recovered_when_the_model_has_user_factors()
    {
        var (snapshot, group) = TasteGroups(groups: 3, usersPerGroup: 90, seed: 7);
        var profiles = ProfileBuilder.Build(snapshot);
        var model = new IalsTrainer(new IalsOptions(Factors: 16, Regularization: 1f, Epochs: 10, Threads: 1)).FitFactors(snapshot.Train);
        var factors = SegmentStage.UserFactorsOf(model, snapshot);
        var options = new SegmentOptions { MaxK = 8 };

        var (withFactors, set) = Segmenter.Segment(profiles, snapshot, options, factors);
        var (profilesOnly, _) = Segmenter.Segment(profiles, snapshot, options);

        // Each taste group gets a segment of its own (light users, whose few events say little about taste, may share
        // one); on the profile features alone no segment is mostly one group.
        Assert.NotNull(factors);
        Assert.NotNull(set);
        Assert.Contains("factor direction 1", set.Features);
        for (var g = 0; g < 3; g++)
        {
            var (share, purity) = BestSegment(withFactors, group, g);
            Assert.True(share >= 0.6 && purity >= 0.95, $"group {g}: {share:F2} of it in a segment {purity:F2} pure");
            Assert.True(BestSegment(profilesOnly, group, g).Purity < 0.8, $"group {g} on profiles only");
        }
    }

    [Fact]
    public void Factor_segments_repeat_for_a_seed()
    {
        var (snapshot, _) = TasteGroups(groups: 2, usersPerGroup: 60, seed: 3);
        var model = new IalsTrainer(new IalsOptions(Factors: 8, Regularization: 1f, Epochs: 5, Threads: 1)).FitFactors(snapshot.Train);
        var factors = SegmentStage.UserFactorsOf(model, snapshot);
        var options = new SegmentOptions { Seed = 5, MaxK = 5 };

        var (first, _) = Segmenter.Segment(ProfileBuilder.Build(snapshot), snapshot, options, factors);
        var (second, _) = Segmenter.Segment(ProfileBuilder.Build(snapshot), snapshot, options, factors);

        Assert.Equal(first.Segments, second.Segments);
    }

    /// <summary>The segment holding most of group <paramref name="g"/>: the share of the group in it, and the share
    /// of the segment that is the group.</summary>
    private static (double Share, double Purity) BestSegment(ProfileSet segmented, IReadOnlyDictionary<string, int> group, int g)
    {
        var best = Enumerable.Range(0, segmented.Count).GroupBy(segmented.SegmentAt).Select(members =>
            (InGroup: members.Count(u => group[segmented.UserIds[u]] == g), Size: members.Count())).OrderByDescending(s => s.InGroup).First();
        var groupSize = group.Values.Count(x => x == g);
        return (best.InGroup / (double)groupSize, best.InGroup / (double)best.Size);
    }

    /// <summary>Users in taste groups, each mostly on its own 40 items (15 % of events on any item), with the same
    /// spread of activity, days and hours in every group: only the interactions tell the groups apart.</summary>
    private static (InteractionSnapshot Snapshot, Dictionary<string, int> Group) TasteGroups(int groups, int usersPerGroup, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var builder = new SnapshotBuilder();
        var group = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var u = 0; u < groups * usersPerGroup; u++)
        {
            var g = u % groups;
            var user = $"user{u}";
            group[user] = g;
            var events = 8 + random.Next(40);
            for (var e = 0; e < events; e++)
            {
                var item = random.NextDouble() < 0.85 ? (g * 40) + random.Next(40) : random.Next(groups * 40);
                builder.Add(new InteractionEvent(user, $"item{item}", "view", null, 1f,
                    start.AddDays(random.Next(60)).AddHours(random.Next(24))));
            }
        }

        return (builder.Build(0.25, seed: 42), group);
    }
}
