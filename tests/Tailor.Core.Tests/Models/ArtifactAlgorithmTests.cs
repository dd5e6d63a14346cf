using Azure;
using Tailor.Models;
using Tailor.Serving;
using Tailor.Tests.Serving;
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Sar;

namespace Tailor.Tests.Models;

/// <summary>Every trained algorithm's payload survives the artifact (through the hashing, buffered payload
/// stream) and serves through <see cref="RecommendationService"/>.</summary>
public sealed class ArtifactAlgorithmTests
{
    public static TheoryData<string> Algorithms => new() { "popularity", "sar", "ease", "ials", "blend" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Every_algorithm_scores_identically_after_an_artifact_round_trip(string algorithm)
    {
        var data = SampleArtifacts.Random(3, 300, 120, 8);
        var model = Trainer(algorithm).Fit(data.History);
        var artifact = new ModelArtifact(data.UserIds, data.ItemIds, data.History, data.Popularity, model);

        var read = await ModelArtifact.ReadAsync(new MemoryStream(await SampleArtifacts.ToBytesAsync(artifact)));

        Assert.Equal(model.Algorithm, read.Algorithm);
        var expected = new float[120];
        var actual = new float[120];
        for (var u = 0; u < 300; u += 7)
        {
            model.Score(u, data.History.ItemsOf(u), data.History.WeightsOf(u), expected);
            read.Model.Score(u, read.History.ItemsOf(u), read.History.WeightsOf(u), actual);
            Assert.Equal(expected, actual);
        }

        model.Score(-1, [3, 5], [1f, 2f], expected);
        read.Model.Score(-1, [3, 5], [1f, 2f], actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Every_algorithm_serves_users_sessions_and_similar_items(string algorithm)
    {
        var data = SampleArtifacts.Random(4, 200, 90, 8);
        var artifact = new ModelArtifact(data.UserIds, data.ItemIds, data.History, data.Popularity, Trainer(algorithm).Fit(data.History));
        var loaded = new LoadedModel(new CurrentModel("v1", DateTimeOffset.UnixEpoch, "test"), new ETag("\"1\""), artifact, null, null);
        var service = new RecommendationService(new FixedModelSource(loaded), ForgottenUserSet.None);
        var user = 0;
        while (data.History.CountOf(user) == 0)
        {
            user++;
        }

        var forUser = (await service.GetForUserAsync(data.UserIds[user], 10)).Value!;
        var session = (await service.ForSessionAsync([data.ItemIds[3], data.ItemIds[5]], 10)).Value!;
        var similar = (await service.SimilarItemsAsync(data.ItemIds[3], 10)).Value!;

        var personalised = algorithm != PopularityRecommender.Name;
        Assert.Equal(personalised ? RecommendationStrategy.Personalized : RecommendationStrategy.Popular, forUser.Strategy);
        Assert.Equal(personalised ? RecommendationStrategy.Session : RecommendationStrategy.Popular, session.Strategy);
        Assert.Equal(personalised ? RecommendationStrategy.Similar : RecommendationStrategy.Popular, similar.Strategy);
        var seen = new HashSet<string>();
        foreach (var item in data.History.ItemsOf(user))
        {
            seen.Add(data.ItemIds[item]);
        }

        Assert.All(forUser.Items, item => Assert.DoesNotContain(item.ItemId, seen));
        Assert.DoesNotContain(session.Items, item => item.ItemId == data.ItemIds[3] || item.ItemId == data.ItemIds[5]);
        Assert.DoesNotContain(similar.Items, item => item.ItemId == data.ItemIds[3]);
        Assert.Equal(10, similar.Items.Count);
    }

    private static IRecommenderTrainer Trainer(string algorithm) => algorithm switch
    {
        "popularity" => new PopularityTrainer(),
        "sar" => new SarTrainer(),
        "ease" => new EaseTrainer(),
        "ials" => new IalsTrainer(new IalsOptions(Factors: 8, Epochs: 3)),
        _ => new BlendTrainer([new SarTrainer(), new PopularityTrainer()], [0.8f, 0.2f]),
    };
}
