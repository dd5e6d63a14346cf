using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Serving;
using Tailor.Snapshot;
using Tailor.Storage;
using Tailor.Testing;
using Tailor.Tests.Models;
using Tailor.Tests.Profiles;

namespace Tailor.Tests.Serving;

[Collection(AzuriteCollection.Name)]
public sealed class ProfileServingTests(AzuriteFixture azurite)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_profiles_served_are_those_of_the_promoted_version_after_a_second_promotion()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var pointer = new ModelPointer(storage);
        var profiles = new ProfileStore(storage);
        var cache = new ModelCache(store, pointer, profiles, storage, Options.Create(new ServingOptions()), _time, NullLogger<ModelCache>.Instance);
        var promoter = new ModelPromoter(store, pointer, _time);
        var first = await WriteVersionAsync(storage, "v1", SampleSnapshots.Random(users: 30, items: 10, seed: 1));
        var second = await WriteVersionAsync(storage, "v2", SampleSnapshots.Random(users: 40, items: 10, seed: 2));

        await promoter.PromoteAsync("v1", "first");
        var servedFirst = await cache.GetAsync();
        await promoter.PromoteAsync("v2", "second");
        var servedSecond = await cache.RefreshAsync();

        Assert.Equal("v1", servedFirst!.Version);
        Assert.Equal(first.Find("user-7"), servedFirst.Profiles!.Find("user-7"), ProfileComparer.Instance);
        Assert.Null(servedFirst.Profiles.Find("user-35"));
        Assert.Equal("v2", servedSecond!.Version);
        Assert.Equal(second.Find("user-7"), servedSecond.Profiles!.Find("user-7"), ProfileComparer.Instance);
        Assert.NotNull(servedSecond.Profiles.Find("user-35"));
        Assert.NotEqual(first.Find("user-7")!.Interactions, second.Find("user-7")!.Interactions);
    }

    [Fact]
    public async Task A_version_without_profiles_serves_its_model_and_no_profiles()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        var pointer = new ModelPointer(storage);
        var cache = new ModelCache(store, pointer, new ProfileStore(storage), storage, Options.Create(new ServingOptions()), _time, NullLogger<ModelCache>.Instance);
        await store.WriteVersionAsync("v1", SampleArtifacts.Small(), SampleDocuments.Manifest("v1"), SampleDocuments.Report("v1"));
        await new ModelPromoter(store, pointer, _time).PromoteAsync("v1", "first");

        var served = await cache.GetAsync();

        Assert.Equal("v1", served!.Version);
        Assert.Null(served.Profiles);
    }

    private static async Task<ProfileSet> WriteVersionAsync(TailorStorage storage, string version, InteractionSnapshot snapshot)
    {
        var set = ProfileBuilder.Build(snapshot);
        var profiles = new ProfileStore(storage);
        var runBlob = $"runs/{version}/profiles.bin";
        await profiles.WriteAsync(runBlob, set);
        Assert.True(await profiles.PublishAsync(runBlob, version));
        await new ModelStore(storage).WriteVersionAsync(version, SampleArtifacts.Small(), SampleDocuments.Manifest(version), SampleDocuments.Report(version));
        return set;
    }

    /// <summary>Profiles are equal when every field and every favourite is.</summary>
    private sealed class ProfileComparer : IEqualityComparer<UserProfile?>
    {
        public static ProfileComparer Instance { get; } = new();

        // Every field, collections by value: the JSON of both.
        public bool Equals(UserProfile? x, UserProfile? y) =>
            x is null || y is null ? x is null && y is null
            : System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(UserProfile? obj) => obj?.UserId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
