using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Serving;
using Tailor.Testing;
using Tailor.Tests.Models;

namespace Tailor.Tests.Serving;

[Collection(AzuriteCollection.Name)]
public sealed class ChallengerServingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Users_in_the_challengers_share_are_served_by_it_and_every_list_names_its_variant()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        await store.WriteVersionAsync("v-challenger", SampleArtifacts.Small(), SampleDocuments.Manifest("v-challenger"), SampleDocuments.Report("v-challenger"));
        const double Share = 0.5;
        var options = Options.Create(new ServingOptions { Challenger = new ChallengerOptions { Version = "v-challenger", Share = Share } });
        var challenger = new ChallengerModel(store, new ProfileStore(storage), options, TimeProvider.System, NullLogger<ChallengerModel>.Instance);
        var recorded = new RecordedImpressions();
        var champion = ServingModels.Cooccurrence(SampleArtifacts.Small(), "v-champion");
        var service = new RecommendationService(new FixedModelSource(champion), ForgottenUserSet.None, impressions: recorded, challenger: challenger);
        var users = Enumerable.Range(0, 40).Select(i => $"visitor-{i}").ToArray();

        foreach (var user in users)
        {
            var answer = (await service.GetForUserAsync(user, 3)).Value!;
            var expected = VariantAssignment.Of(user, Share);
            Assert.Equal(expected, answer.Variant);
            Assert.Equal(expected == Variants.Challenger ? "v-challenger" : "v-champion", answer.ModelVersion);
        }

        var session = (await service.ForSessionAsync(["i1"], 2)).Value!;
        Assert.Equal((Variants.Champion, "v-champion"), (session.Variant, session.ModelVersion));
        Assert.Contains(recorded.All, i => i.Variant == Variants.Challenger);
        Assert.Contains(recorded.All, i => i.Variant == Variants.Champion && i.UserId is not null);
        Assert.All(recorded.All, i => Assert.Equal(i.Variant == Variants.Challenger ? "v-challenger" : "v-champion", i.ModelVersion));
    }

    [Fact]
    public async Task A_challenger_promoted_online_is_served_without_any_challenger_setting_and_wins_over_a_configured_one()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ModelStore(storage);
        await store.WriteVersionAsync("v-online", SampleArtifacts.Small(), SampleDocuments.Manifest("v-online"), SampleDocuments.Report("v-online"));
        var pointer = new ChallengerPointer(storage);
        await pointer.WriteAsync(new ChallengerState("v-online", "v-champion", DateTimeOffset.UtcNow, "test"));
        var champion = ServingModels.Cooccurrence(SampleArtifacts.Small(), "v-champion");
        var users = Enumerable.Range(0, 40).Select(i => $"visitor-{i}").ToArray();

        foreach (var configured in new ServingOptions?[] { new(), new() { Challenger = new ChallengerOptions { Version = "v-configured" } } })
        {
            var challenger = new ChallengerModel(store, new ProfileStore(storage), Options.Create(configured!), TimeProvider.System,
                NullLogger<ChallengerModel>.Instance, pointer);
            var service = new RecommendationService(new FixedModelSource(champion), ForgottenUserSet.None, challenger: challenger);
            foreach (var user in users)
            {
                var answer = (await service.GetForUserAsync(user, 3)).Value!;
                var expected = VariantAssignment.Of(user, new ChallengerOptions().Share);
                Assert.Equal((expected, expected == Variants.Challenger ? "v-online" : "v-champion"), (answer.Variant, answer.ModelVersion));
            }
        }

        Assert.Contains(users, u => VariantAssignment.IsChallenger(u, new ChallengerOptions().Share));
    }

    [Fact]
    public async Task A_challenger_that_cannot_be_loaded_leaves_everyone_on_the_champion()
    {
        var storage = await azurite.CreateStorageAsync();
        var options = Options.Create(new ServingOptions { Challenger = new ChallengerOptions { Version = "v-missing", Share = 1 } });
        var challenger = new ChallengerModel(new ModelStore(storage), new ProfileStore(storage), options, TimeProvider.System, NullLogger<ChallengerModel>.Instance);
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small(), "v-champion")), ForgottenUserSet.None, challenger: challenger);

        var answer = (await service.GetForUserAsync("u0", 3)).Value!;

        Assert.Equal(("v-champion", Variants.Champion), (answer.ModelVersion, answer.Variant));
    }

    [Fact]
    public async Task Once_the_challenger_is_the_champions_version_every_list_is_champion()
    {
        var storage = await azurite.CreateStorageAsync();
        var options = Options.Create(new ServingOptions { Challenger = new ChallengerOptions { Version = "v-same", Share = 1 } });
        var challenger = new ChallengerModel(new ModelStore(storage), new ProfileStore(storage), options, TimeProvider.System, NullLogger<ChallengerModel>.Instance);
        var service = new RecommendationService(new FixedModelSource(ServingModels.Cooccurrence(SampleArtifacts.Small(), "v-same")), ForgottenUserSet.None, challenger: challenger);

        var answer = (await service.GetForUserAsync("u0", 3)).Value!;

        Assert.Equal(("v-same", Variants.Champion), (answer.ModelVersion, answer.Variant));
    }

    private sealed class RecordedImpressions : IImpressionRecorder
    {
        private readonly List<Impression> _all = [];

        public IReadOnlyList<Impression> All => _all;

        public void Record(Impression impression) => _all.Add(impression);
    }
}
