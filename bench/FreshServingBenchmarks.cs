using Azure;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Models;
using Tailor.Privacy;
using Tailor.Serving;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;

namespace Tailor.Benchmarks;

/// <summary>A personalized request on a 5,000-item iALS model without the fresh-history store, against the same
/// request with the store read through its per-process cache: a known user with no fresh events (the cache hit
/// alone), a known user with three fresh items (history + fresh folded in), and a user the model has never
/// seen with three fresh events (strategy <c>fresh</c>). The storage read behind a cache miss (one point read
/// per user per cache time) is not part of it.</summary>
[MemoryDiagnoser]
[Config(typeof(TailColumns))]
public class FreshServingBenchmarks
{
    private const int Users = 10_000;
    private const int Items = 5_000;
    private const int FreshUsers = 1_000;

    private RecommendationService _plain = null!;
    private RecommendationService _withFresh = null!;
    private string[] _userIds = null!;
    private string[] _freshKnown = null!;
    private string[] _quietKnown = null!;
    private string[] _freshNew = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var history = SyntheticInteractions.Build(users: Users, items: Items, interactions: Users * 30L, seed: 42);
        var model = new IalsTrainer(new IalsOptions(Factors: 64, Epochs: 2)).Fit(history);
        var popularity = ((PopularityRecommender)new PopularityTrainer().Fit(history)).Popularity.ToArray();
        _userIds = [.. Enumerable.Range(0, Users).Select(u => $"user-{u}")];
        var itemIds = Enumerable.Range(0, Items).Select(i => $"item-{i}").ToArray();
        var artifact = new ModelArtifact(_userIds, itemIds, history, popularity, model);
        var loaded = new LoadedModel(new CurrentModel("bench", DateTimeOffset.UnixEpoch, "bench"), new ETag("\"1\""), artifact, null, null);

        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        var events = new List<InteractionEvent>();
        _freshKnown = [.. Enumerable.Range(0, FreshUsers).Select(u => _userIds[u * (Users / FreshUsers)])];
        _freshNew = [.. Enumerable.Range(0, FreshUsers).Select(u => $"newcomer-{u}")];
        _quietKnown = [.. _userIds.Except(_freshKnown, StringComparer.Ordinal)];
        foreach (var user in _freshKnown.Concat(_freshNew))
        {
            for (var e = 0; e < 3; e++)
            {
                events.Add(new InteractionEvent(user, itemIds[random.Next(Items)], "click", null, 2f, now.AddSeconds(e)));
            }
        }

        var store = new MemoryFreshHistory(new FreshOptions { CacheMilliseconds = 60_000 });
        store.AddAsync(events).GetAwaiter().GetResult();
        var cached = new CachedFreshHistory(store, TimeProvider.System);
        _plain = new RecommendationService(new FixedModelSource(loaded), new NobodyForgotten());
        _withFresh = new RecommendationService(new FixedModelSource(loaded), new NobodyForgotten(), freshHistory: cached);

        // Warm the cache for every user the benchmarks ask for.
        foreach (var user in _userIds.Concat(_freshNew))
        {
            cached.GetAsync(user).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> KnownUserNoStore() => (await _plain.GetForUserAsync(Next(_quietKnown), 10)).Value!.Items.Count;

    [Benchmark]
    public async Task<int> KnownUserCachedNoFreshEvents() => (await _withFresh.GetForUserAsync(Next(_quietKnown), 10)).Value!.Items.Count;

    [Benchmark]
    public async Task<int> KnownUserCachedThreeFreshItems() => (await _withFresh.GetForUserAsync(Next(_freshKnown), 10)).Value!.Items.Count;

    [Benchmark]
    public async Task<int> NewUserCachedThreeFreshItems() => (await _withFresh.GetForUserAsync(Next(_freshNew), 10)).Value!.Items.Count;

    private string Next(string[] users) => users[_next++ % users.Length];

    private sealed class NobodyForgotten : IForgottenUsers
    {
        public ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
    }

    /// <summary>The store's contract in memory: the benchmark measures serving, not storage.</summary>
    private sealed class MemoryFreshHistory(FreshOptions options) : IFreshHistory
    {
        private readonly Dictionary<string, FreshHistory> _users = new(StringComparer.Ordinal);

        public FreshOptions Options => options;

        public ValueTask<FreshHistory> GetAsync(string userId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_users.GetValueOrDefault(userId, FreshHistory.Empty));

        public Task AddAsync(IReadOnlyCollection<InteractionEvent> events, CancellationToken cancellationToken = default)
        {
            foreach (var group in events.GroupBy(e => e.UserId, StringComparer.Ordinal))
            {
                var added = group.Select(e => new FreshEvent(e.ItemId, e.Weight, e.Timestamp.ToUnixTimeMilliseconds(), e.Timestamp.ToUnixTimeMilliseconds()));
                _users[group.Key] = _users.GetValueOrDefault(group.Key, FreshHistory.Empty).With(added, long.MinValue, options.MaxEventsPerUser);
            }

            return Task.CompletedTask;
        }

        public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
        {
            _users.Remove(userId);
            return Task.CompletedTask;
        }
    }

    private sealed class TailColumns : ManualConfig
    {
        public TailColumns() => AddColumn(StatisticColumn.P95, StatisticColumn.Max);
    }
}
