using BenchmarkDotNet.Attributes;
using Tailor.Interactions;
using Tailor.Profiles;
using Tailor.Snapshot;

namespace Tailor.Benchmarks;

/// <summary>The profiles stage without storage: every user's profile built from a snapshot and written as one
/// artifact (to a null stream, so the figure is CPU and serialisation only), at the scale of a shop of
/// 140k users with ~10M interactions (70 each on average, Pareto-distributed).</summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    private InteractionSnapshot _snapshot = null!;
    private ProfileSet _profiles = null!;

    [Params(140_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int items = 20_000;
        var train = SyntheticInteractions.Build(Users, items, interactions: Users * 70L, seed: 42);
        var holdout = new InteractionMatrix(Users, items, new int[Users + 1], [], []);
        var firstSeen = new long[Users];
        var lastSeen = new long[Users];
        var events = new int[Users];
        for (var u = 0; u < Users; u++)
        {
            firstSeen[u] = 1_767_225_600 + u;
            lastSeen[u] = firstSeen[u] + 86_400;
            events[u] = train.CountOf(u);
        }

        var userIds = Enumerable.Range(0, Users).Select(u => "user-" + u.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var itemIds = Enumerable.Range(0, items).Select(i => "item-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _snapshot = new InteractionSnapshot(userIds, itemIds, train, holdout, firstSeen, lastSeen, events, Batches: 1);
        _profiles = ProfileBuilder.Build(_snapshot);
    }

    [Benchmark]
    public ProfileSet Build() => ProfileBuilder.Build(_snapshot);

    [Benchmark]
    public Task Write() => ProfileFile.WriteAsync(Stream.Null, _profiles);

    [Benchmark]
    public UserProfile? Lookup() => _profiles.Find("user-70001");
}
