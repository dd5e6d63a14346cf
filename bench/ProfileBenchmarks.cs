using BenchmarkDotNet.Attributes;
using Tailor.Catalog;
using Tailor.Interactions;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Training.Ials;

namespace Tailor.Benchmarks;

/// <summary>The profiles stage without storage: every user's profile built from a snapshot and written as one
/// artifact (to a null stream, so the figure is CPU and serialisation only), at the scale of a shop of
/// 140k users with ~10M interactions (70 each on average, Pareto-distributed).</summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    private InteractionSnapshot _snapshot = null!;
    private ProfileSet _profiles = null!;
    private ItemCatalog _catalog = null!;
    private SegmentFeatures _features = null!;
    private UserFactors? _factors;

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
        _snapshot = new InteractionSnapshot(userIds, itemIds, train, holdout, firstSeen, lastSeen, events, Batches: 1)
        {
            Activity = SyntheticActivity(events, seed: 7),
        };

        // 19 genres, 1–3 per item (MovieLens-like), so category affinity and entropy are part of the figure.
        var random = new Random(11);
        string[] genres = [.. Enumerable.Range(0, 19).Select(g => "genre-" + g.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        _catalog = ItemCatalog.From([.. itemIds.Select(id => new CatalogItem(
            id, null, [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => genres[random.Next(genres.Length)]).Distinct()], [], true, null, null,
            new Dictionary<string, double>()))]);
        _profiles = ProfileBuilder.Build(_snapshot, _catalog);
        _features = SegmentFeatures.From(_profiles);
    }

    /// <summary>Profiles with details (event types, hours, weekdays, category affinity from a 19-genre catalog).</summary>
    [Benchmark]
    public ProfileSet Build() => ProfileBuilder.Build(_snapshot, _catalog);

    /// <summary>Segmentation of every user: features, ML.NET KMeans for k = 2..12 on a 50k sample, Davies–Bouldin,
    /// assignment of all 140k users and the descriptions.</summary>
    [Benchmark]
    public SegmentSet? Segment() => Segmenter.Segment(_profiles, _snapshot, new SegmentOptions()).Segments;

    /// <summary>The same with the users' latent factors of a 64-factor implicit ALS model (reduced to 8 principal
    /// directions) next to the profile features, as the segmentation stage does after training.</summary>
    [Benchmark]
    public SegmentSet? SegmentWithFactors() => Segmenter.Segment(_profiles, _snapshot, new SegmentOptions(), _factors).Segments;

    [GlobalSetup(Target = nameof(SegmentWithFactors))]
    public void SetupWithFactors()
    {
        Setup();
        PrepareFactors();
    }

    /// <summary>Trains the factors <see cref="SegmentWithFactors"/> reads (two epochs: the figure is segmentation, not training quality).</summary>
    public void PrepareFactors()
    {
        var model = new IalsTrainer(new IalsOptions(Factors: 64, Epochs: 2)).FitFactors(_snapshot.Train);
        _factors = new UserFactors(model.UserFactors.ToArray(), model.Factors, _snapshot.UserIds);
    }

    /// <summary>KMeans alone (k chosen in 2..12) on the prepared features.</summary>
    [Benchmark]
    public int KMeans() => SegmentClustering.Cluster(_features, new SegmentOptions()).K;

    private static UserActivity SyntheticActivity(int[] events, int seed)
    {
        var random = new Random(seed);
        var n = events.Length;
        var hours = new int[n * UserActivity.Hours];
        var weekdays = new int[n * UserActivity.Weekdays];
        var types = new int[n * 2];
        var days = new int[n];
        for (var u = 0; u < n; u++)
        {
            var peak = random.Next(24);
            for (var e = 0; e < events[u]; e++)
            {
                hours[(u * 24) + ((peak + random.Next(4)) % 24)]++;
                weekdays[(u * 7) + random.Next(7)]++;
                types[(u * 2) + (random.Next(10) == 0 ? 1 : 0)]++;
            }

            days[u] = Math.Max(1, events[u] / (1 + random.Next(5)));
        }

        return new UserActivity(["view", "purchase"], types, hours, weekdays, days, new double[n], new int[n]);
    }

    [Benchmark]
    public Task Write() => ProfileFile.WriteAsync(Stream.Null, _profiles);

    [Benchmark]
    public UserProfile? Lookup() => _profiles.Find("user-70001");
}
